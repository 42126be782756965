package io.osmos.logging.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The component on the JVM's real java.util.logging, watched through slf4j (slf4j-jdk14) as bundles see it. */
public class LoggingComponentTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final java.util.logging.Logger osmos = java.util.logging.Logger.getLogger(Verbosity.OSMOS_LOGGER);
    private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    private final Logger probe = LoggerFactory.getLogger("io.osmos.master.impl.Probe");
    private LoggingComponent logging;

    static LoggingComponent.Config config(String logDir) {
        return new LoggingComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LoggingComponent.Config.class;
            }

            @Override
            public String log_dir() {
                return logDir;
            }
        };
    }

    @Before
    public void infoToStart() {
        osmos.setLevel(null);
        root.setLevel(Level.INFO);
    }

    @After
    public void stop() {
        if (logging != null) {
            logging.stop();
        }
    }

    @Test
    public void verbosityOneIsDebugTwoIsTraceAndStopPutsTheLevelBack() {
        logging = new LoggingComponent(config(""));
        assertEquals(0, logging.verbosity());
        assertFalse(probe.isDebugEnabled());
        assertEquals(Optional.empty(), logging.logFile());

        logging.setVerbosity(1, Duration.ofMinutes(1));
        assertEquals(1, logging.verbosity());
        assertTrue(probe.isDebugEnabled());
        assertFalse(probe.isTraceEnabled());
        assertFalse("only io.osmos loggers", LoggerFactory.getLogger("io.netty.Probe").isDebugEnabled());

        logging.setVerbosity(7, Duration.ofMinutes(1));
        assertTrue(probe.isTraceEnabled());

        logging.setVerbosity(0, Duration.ofMinutes(1));
        assertEquals(0, logging.verbosity());
        assertFalse(probe.isDebugEnabled());
        assertEquals("0 is the configured level, here inherited", null, osmos.getLevel());

        logging.setVerbosity(2, Duration.ofMinutes(1));
        logging.stop();
        logging = null;
        assertFalse(probe.isDebugEnabled());
        assertEquals(null, osmos.getLevel());
    }

    @Test
    public void theLevelRevertsAfterTheDuration() throws Exception {
        logging = new LoggingComponent(config(""));
        logging.setVerbosity(1, Duration.ofMillis(200));
        assertTrue(probe.isDebugEnabled());
        await(() -> logging.verbosity() == 0);
        assertFalse(probe.isDebugEnabled());
    }

    @Test
    public void aNewSetCancelsThePendingRevert() throws Exception {
        logging = new LoggingComponent(config(""));
        logging.setVerbosity(1, Duration.ofMillis(150));
        logging.setVerbosity(2, Duration.ofMinutes(1));
        Thread.sleep(600);
        assertEquals(2, logging.verbosity());
        assertTrue(probe.isTraceEnabled());
        logging.setVerbosity(1, Duration.ofMillis(150));
        await(() -> logging.verbosity() == 0);
    }

    @Test
    public void aConfiguredLevelIsTheBaseAndIsNeverLowered() {
        osmos.setLevel(Level.FINEST);
        logging = new LoggingComponent(config(""));
        logging.setVerbosity(1, Duration.ofMinutes(1));
        assertTrue("FINEST stays", probe.isTraceEnabled());
        logging.stop();
        logging = null;
        assertEquals(Level.FINEST, osmos.getLevel());

        osmos.setLevel(Level.WARNING);
        logging = new LoggingComponent(config(""));
        assertFalse(probe.isInfoEnabled());
        logging.setVerbosity(1, Duration.ofMinutes(1));
        assertTrue(probe.isDebugEnabled());
        logging.setVerbosity(0, Duration.ofMinutes(1));
        assertEquals(Level.WARNING, osmos.getLevel());
    }

    @Test
    public void badArgumentsAreRefused() {
        logging = new LoggingComponent(config(""));
        for (Runnable bad : new Runnable[] {() -> logging.setVerbosity(-1, Duration.ofSeconds(1)),
                () -> logging.setVerbosity(1, Duration.ZERO), () -> logging.setVerbosity(1, Duration.ofSeconds(-1))}) {
            try {
                bad.run();
                fail();
            } catch (IllegalArgumentException expected) {
                assertEquals(0, logging.verbosity());
            }
        }
        logging.setVerbosity(1, Duration.ofSeconds(Long.MAX_VALUE));
        assertEquals("a duration too long for nanoseconds lasts for good", 1, logging.verbosity());
    }

    @Test
    public void theFileHandlerWritesOsmosLogUntilStopped() throws Exception {
        Path dir = folder.getRoot().toPath().resolve("logs");
        logging = new LoggingComponent(config(dir.toString()));
        Path log = dir.resolve("osmos.log");
        assertEquals(Optional.of(log), logging.logFile());
        probe.info("hello file");
        probe.debug("not yet");
        logging.setVerbosity(1, Duration.ofMinutes(1));
        probe.debug("debug now");
        String written = Files.readString(log);
        assertTrue(written, written.contains("hello file") && written.contains("debug now"));
        assertFalse(written, written.contains("not yet"));
        assertTrue(written, written.contains("Logging verbosity set to 1"));
        assertTrue(Files.exists(dir.resolve("osmos.log.lck")));

        logging.stop();
        logging = null;
        probe.info("after stop");
        assertFalse(Files.readString(log).contains("after stop"));
        assertFalse("the handler is gone", Arrays.stream(root.getHandlers()).anyMatch(h -> h instanceof RollingFileHandler));
        assertFalse(Files.exists(dir.resolve("osmos.log.lck")));

        logging = new LoggingComponent(config(dir.toString()));
        probe.info("appended");
        assertTrue(Files.readString(log).contains("hello file"));
        assertTrue(Files.readString(log).contains("appended"));
    }

    @Test
    public void aLogFileWrittenByAnotherLoggerFailsActivationClearly() throws Exception {
        Path dir = folder.getRoot().toPath();
        logging = new LoggingComponent(config(dir.toString()));
        try {
            new LoggingComponent(config(dir.toString()));
            fail();
        } catch (java.io.UncheckedIOException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("written by another logger"));
        }
        assertEquals("the first one goes on", Optional.of(dir.resolve("osmos.log")), logging.logFile());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
