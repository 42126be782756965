/**
 * Mesos v1 wire codecs without any HTTP server types: Mesos' own JSON mapping of protobuf
 * messages, RecordIO framing, and Content-Type / Accept negotiation. Executors running outside
 * OSGi reuse this package, so it depends on protobuf-java and jackson-core only.
 */
@Export
@Version("1.2.0")
package io.osmos.http.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
