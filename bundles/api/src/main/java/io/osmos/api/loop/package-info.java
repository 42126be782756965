/** A single-writer loop: the way Osmos components change their state without locks. */
@Export
@Version("1.0.0")
package io.osmos.api.loop;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
