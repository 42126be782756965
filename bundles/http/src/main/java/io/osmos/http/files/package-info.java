/**
 * Files served by the v1 {@code LIST_FILES} and {@code READ_FILE} calls, as Mesos' {@code /files}
 * serves them: a file's {@code FileInfo}, a bounded read, and a single file attached under a
 * virtual path (the master's {@code /master/log}, the agent's {@code /slave/log}). Callers run
 * these off the event loop: they touch the file system.
 */
@Export
@Version("1.0.0")
package io.osmos.http.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
