package io.osmos.logging.impl;

import static org.junit.Assert.assertEquals;

import java.util.logging.Level;

import org.junit.Test;

public class VerbosityTest {

    @Test
    public void glogLevelsAsJulLevelsNeverQuieterThanConfigured() {
        assertEquals(Level.INFO, Verbosity.level(0, Level.INFO));
        assertEquals(Level.FINE, Verbosity.level(1, Level.INFO));
        assertEquals(Level.FINEST, Verbosity.level(2, Level.INFO));
        assertEquals(Level.FINEST, Verbosity.level(9, Level.WARNING));
        assertEquals(Level.FINER, Verbosity.level(1, Level.FINER));
        assertEquals(Level.ALL, Verbosity.level(3, Level.ALL));
    }
}
