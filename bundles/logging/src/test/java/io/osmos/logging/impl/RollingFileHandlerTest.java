package io.osmos.logging.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RollingFileHandlerTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void pastTheLimitTheFileMovesToDot1AndOnlyCountFilesAreKept() throws Exception {
        Path log = folder.getRoot().toPath().resolve("osmos.log");
        RollingFileHandler handler = new RollingFileHandler(log, 100, 3);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + "\n";
            }
        });
        try {
            for (int i = 0; i < 40; i++) {
                handler.publish(new LogRecord(Level.INFO, String.format("line %02d of the log", i)));
            }
        } finally {
            handler.close();
        }
        assertTrue(Files.exists(log));
        assertTrue(Files.exists(folder.getRoot().toPath().resolve("osmos.log.1")));
        assertTrue(Files.exists(folder.getRoot().toPath().resolve("osmos.log.2")));
        assertFalse(Files.exists(folder.getRoot().toPath().resolve("osmos.log.3")));
        String current = Files.readString(log);
        assertTrue(current, current.endsWith("line 39 of the log\n"));
        assertTrue(Files.size(log) < 100);
        assertEquals("the newest rotated file ends where the current one starts",
                Integer.parseInt(current.substring(5, 7)) - 1,
                Integer.parseInt(lastLine(Files.readString(folder.getRoot().toPath().resolve("osmos.log.1")))
                        .substring(5, 7)));
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }
}
