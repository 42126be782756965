/** The ExecutorTransport SPI: ways for executors to reach their agent. */
@Export
@Version("1.0.0")
package io.osmos.api.executor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
