/**
 * The Isolator SPI: plugins that confine and measure containers (cgroups, rlimits, disk quotas...).
 * Vendors implement {@link io.osmos.api.isolation.Isolator}; the agent's containerizer drives it.
 * <p>
 * The package is semantically versioned and the build baselines it against
 * {@code baseline/io.osmos.api.jar}: a method added with a default body is a minor change, anything
 * that can break an implementation (a method removed or changed, an abstract method added) a major
 * one. Plugins import {@code [1.x,2)}; the launcher names a plugin built against another major
 * version in an ERROR, and OSGi never resolves it.
 */
@Export
@Version("1.0.0")
package io.osmos.api.isolation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
