package io.osmos.api.logging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The process's log verbosity and log file. Verbosity is a glog level, as Mesos reports it:
 * {@code 0} is the configured level of the {@code io.osmos} loggers, {@code 1} adds their debug
 * messages and {@code 2} or more their trace messages.
 */
@ProviderType
public interface LoggingControl {

    /** The current verbosity; {@code 0} unless a {@link #setVerbosity} is in force. */
    int verbosity();

    /**
     * Sets the verbosity for {@code duration}, then reverts it to {@code 0}. A later call replaces
     * this one, and its pending revert with it.
     *
     * @throws IllegalArgumentException when {@code level} is negative or {@code duration} not positive
     */
    void setVerbosity(int level, Duration duration);

    /** The file the process is logging to now, if it logs to one. */
    Optional<Path> logFile();
}
