/** Generated protobuf classes for `mesos.v1`; the version follows wire compatibility. */
@Export
@Version("1.10.0")
package io.osmos.proto.v1;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
