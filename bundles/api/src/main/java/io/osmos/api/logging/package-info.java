/**
 * Run-time control of the process's logging, as Mesos' {@code GET_LOGGING_LEVEL} and
 * {@code SET_LOGGING_LEVEL} calls and its {@code /master/log} and {@code /slave/log} files need it.
 */
@Export
@Version("1.0.0")
package io.osmos.api.logging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
