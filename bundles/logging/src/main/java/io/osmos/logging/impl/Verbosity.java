package io.osmos.logging.impl;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mesos' verbosity (a glog {@code --v} level) as java.util.logging levels of the {@code io.osmos}
 * loggers: 0 is their configured level, 1 adds debug ({@code FINE}, slf4j DEBUG), 2 and more add
 * trace ({@code FINEST}, slf4j TRACE). A verbosity never makes them quieter than configured.
 */
final class Verbosity {

    /** The logger every Osmos bundle logs under. */
    static final String OSMOS_LOGGER = "io.osmos";

    private Verbosity() {
    }

    /** The level for {@code verbosity} when the configured (effective) level is {@code base}. */
    static Level level(int verbosity, Level base) {
        if (verbosity <= 0) {
            return base;
        }
        Level wanted = verbosity == 1 ? Level.FINE : Level.FINEST;
        return base.intValue() <= wanted.intValue() ? base : wanted;
    }

    /** The level a logger logs at: its own, else the nearest ancestor's. */
    static Level effective(Logger logger) {
        for (Logger l = logger; l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel();
            }
        }
        return Level.INFO;
    }
}
