package io.osmos.launcher;

import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code OSMOS_LOG_LEVEL} (which bin/osmos passes as {@value #PROPERTY}): the level of the
 * {@code io.osmos} loggers, by slf4j name ({@code trace}, {@code debug}, {@code info}, {@code warn},
 * {@code error}) or java.util.logging name. SET_LOGGING_LEVEL's verbosity 0 is this level.
 */
final class LogLevels {

    static final String PROPERTY = "osmos.log.level";
    static final String OSMOS = "io.osmos";

    private static final Map<String, Level> SLF4J = Map.of("trace", Level.FINEST, "debug", Level.FINE,
            "info", Level.INFO, "warn", Level.WARNING, "error", Level.SEVERE, "off", Level.OFF);
    // java.util.logging holds loggers weakly: this one, and its level, last as long as the process.
    private static final Logger OSMOS_LOGGER = Logger.getLogger(OSMOS);

    private LogLevels() {
    }

    /** Sets the io.osmos level when {@code name} is given; leaves the configured one otherwise. */
    static void apply(String name) {
        if (name != null && !name.isBlank()) {
            OSMOS_LOGGER.setLevel(parse(name));
        }
    }

    static Level parse(String name) {
        Level level = SLF4J.get(name.strip().toLowerCase(Locale.ROOT));
        if (level != null) {
            return level;
        }
        try {
            return Level.parse(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OSMOS_LOG_LEVEL is one of trace, debug, info, warn, error, off"
                    + " (or a java.util.logging level), not '" + name + "'", e);
        }
    }
}
