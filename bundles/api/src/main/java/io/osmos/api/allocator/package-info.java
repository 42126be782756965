/** The Allocator SPI: what the master tells an allocator, and where its offers go. */
@Export
@Version("1.1.0")
package io.osmos.api.allocator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
