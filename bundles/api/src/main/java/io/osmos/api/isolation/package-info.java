/**
 * The Isolator SPI: plugins that confine and measure containers (cgroups, rlimits, disk quotas...).
 * Vendors implement {@link io.osmos.api.isolation.Isolator}; the agent's containerizer drives it.
 */
@Export
@Version("1.0.0")
package io.osmos.api.isolation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
