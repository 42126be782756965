/** Generated protobuf classes for `osmos.internal`; the version follows wire compatibility. */
@Export
@Version("0.1.0")
package io.osmos.proto.internal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
