package io.osmos.logging.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.SimpleFormatter;

import io.osmos.api.logging.LoggingControl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LoggingControl} on java.util.logging, where slf4j-jdk14 sends every bundle's slf4j
 * logging. The verbosity moves the {@code io.osmos} logger's level (see {@link Verbosity}) and
 * reverts after the duration, as Mesos' {@code SET_LOGGING_LEVEL} does. With {@code log_dir} set,
 * the root logger also writes {@code <log_dir>/osmos.log}. Deactivation puts everything back.
 * Immediate: the file is written from the start, not once someone first asks for the service.
 */
@Component(service = LoggingControl.class, configurationPid = LoggingComponent.PID, immediate = true)
@Designate(ocd = LoggingComponent.Config.class)
public final class LoggingComponent implements LoggingControl {

    static final String PID = "io.osmos.logging";
    static final String FILE_NAME = "osmos.log";
    /** Rotated at 64 MiB, 5 files kept: at most 320 MiB of logs. */
    static final long FILE_LIMIT = 64L * 1024 * 1024;
    static final int FILE_COUNT = 5;

    private static final Logger LOG = LoggerFactory.getLogger(LoggingComponent.class);

    @ObjectClassDefinition(name = "Osmos logging", description = "Log verbosity at run time and the log file")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the log file osmos.log (rotated at 64 MiB, 5 files kept);"
                + " empty logs to the console only")
        String log_dir() default "";
    }

    // JUL holds its loggers weakly: a level set on one nobody holds would be lost with it.
    private final java.util.logging.Logger osmos;
    private final java.util.logging.Logger root;
    /** The io.osmos logger's own level before this component (null: it inherits), restored at 0 and at the end. */
    private final Level configured;
    /** The level it logged at then: what verbosity 0 means. */
    private final Level base;
    private final RollingFileHandler file;
    private final ScheduledThreadPoolExecutor timer;

    // Guarded by this.
    private int verbosity;
    private long generation;
    private ScheduledFuture<?> revert;
    private boolean stopped;

    @Activate
    public LoggingComponent(Config config) {
        this(config, java.util.logging.Logger.getLogger(""), java.util.logging.Logger.getLogger(Verbosity.OSMOS_LOGGER));
    }

    LoggingComponent(Config config, java.util.logging.Logger root, java.util.logging.Logger osmos) {
        this.root = root;
        this.osmos = osmos;
        this.file = config.log_dir().isBlank() ? null : openFile(Path.of(config.log_dir().strip()), root);
        this.configured = osmos.getLevel();
        this.base = Verbosity.effective(osmos);
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "osmos-logging");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        if (file != null) {
            root.addHandler(file);
            LOG.info("Logging to {}", file.file());
        }
    }

    /** The file gets the console's format (bin/osmos's conf/logging.properties), else SimpleFormatter's. */
    private static RollingFileHandler openFile(Path directory, java.util.logging.Logger root) {
        RollingFileHandler handler;
        try {
            handler = new RollingFileHandler(directory.resolve(FILE_NAME), FILE_LIMIT, FILE_COUNT);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot log to " + directory.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
        Formatter format = new SimpleFormatter();
        for (Handler handlerOfRoot : root.getHandlers()) {
            if (handlerOfRoot instanceof ConsoleHandler && handlerOfRoot.getFormatter() != null) {
                format = handlerOfRoot.getFormatter();
            }
        }
        handler.setFormatter(format);
        return handler;
    }

    @Override
    public synchronized int verbosity() {
        return verbosity;
    }

    @Override
    public void setVerbosity(int level, Duration duration) {
        if (level < 0) {
            throw new IllegalArgumentException("A verbosity is 0 or more, got " + level);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("A verbosity lasts a positive duration, got " + duration);
        }
        Level now;
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("Logging control has stopped");
            }
            now = apply(level);
            if (level != 0) {
                long mine = generation;
                revert = timer.schedule(() -> revert(mine), nanos(duration), TimeUnit.NANOSECONDS);
            }
        }
        if (level == 0) {
            LOG.info("Logging verbosity set to 0: {} logs at {}", Verbosity.OSMOS_LOGGER, now);
        } else {
            LOG.info("Logging verbosity set to {} for {} s: {} logs at {}", level,
                    duration.getSeconds() + duration.getNano() / 1e9, Verbosity.OSMOS_LOGGER, now);
        }
    }

    /** Sets the level and cancels whatever revert was pending, whose generation then has passed. */
    private Level apply(int level) {
        if (revert != null) {
            revert.cancel(false);
            revert = null;
        }
        generation++;
        verbosity = level;
        Level now = Verbosity.level(level, base);
        osmos.setLevel(level == 0 ? configured : now);
        return now;
    }

    private void revert(long scheduled) {
        synchronized (this) {
            // A set since then replaced this revert, even if it could no longer cancel it.
            if (stopped || scheduled != generation) {
                return;
            }
            revert = null;
            apply(0);
        }
        LOG.info("Logging verbosity reverted to 0: {} logs at {}", Verbosity.OSMOS_LOGGER, base);
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public synchronized Optional<Path> logFile() {
        return stopped || file == null ? Optional.empty() : Optional.of(file.file());
    }

    @Deactivate
    void stop() {
        synchronized (this) {
            apply(0);
            stopped = true;
        }
        timer.shutdownNow();
        if (file != null) {
            LOG.info("No longer logging to {}", file.file());
            root.removeHandler(file);
            file.close();
        }
    }
}
