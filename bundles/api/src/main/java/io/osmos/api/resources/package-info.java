/** Resource math over the mesos.v1 Resource type: merging, subtracting, containment, reservations. */
@Export
@Version("1.0.0")
package io.osmos.api.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
