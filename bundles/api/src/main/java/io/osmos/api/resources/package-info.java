/**
 * Resource math over the mesos.v1 Resource type: merging, subtracting, containment, reservations,
 * and the offer operations that convert resources (RESERVE, UNRESERVE, CREATE, DESTROY and resizes).
 */
@Export
@Version("1.1.0")
package io.osmos.api.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
