package io.osmos.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.Test;

public class LoggingTest {

    @Test
    public void osmosLogLevelTakesSlf4jAndJulNames() {
        assertEquals(Level.FINEST, LogLevels.parse("trace"));
        assertEquals(Level.FINE, LogLevels.parse("DEBUG"));
        assertEquals(Level.INFO, LogLevels.parse(" info "));
        assertEquals(Level.WARNING, LogLevels.parse("warn"));
        assertEquals(Level.SEVERE, LogLevels.parse("error"));
        assertEquals(Level.FINER, LogLevels.parse("finer"));
        try {
            LogLevels.parse("loud");
            throw new AssertionError();
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("'loud'"));
        }
    }

    @Test
    public void oneLineWithTheShortLoggerNameAndTheThrowableAfterIt() {
        LogRecord record = new LogRecord(Level.INFO, "Master {0} started");
        record.setParameters(new Object[] {"m1"});
        record.setLoggerName("io.osmos.master.impl.Master");
        record.setInstant(Instant.parse("2024-05-01T12:00:00.123Z"));
        String line = new LogFormatter(LogFormatter.DEFAULT_FORMAT).format(record);
        assertTrue(line, line.matches("2024-05-0\\dT\\d\\d:\\d\\d:00\\.123[+-]\\d{4} INFO    Master - Master m1 started"
                + System.lineSeparator()));
        record.setThrown(new IllegalStateException("boom"));
        String failed = new LogFormatter(LogFormatter.DEFAULT_FORMAT).format(record);
        assertTrue(failed, failed.contains("Master m1 started" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom"));
        assertEquals("root", LogFormatter.shortName(""));
    }
}
