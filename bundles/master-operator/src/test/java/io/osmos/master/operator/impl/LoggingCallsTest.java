package io.osmos.master.operator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.osmos.api.logging.LoggingControl;
import io.osmos.http.files.FileReads;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LoggingCallsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Records what the master asks of it. */
    private static final class FakeLogging implements LoggingControl {
        int level;
        Duration duration;
        Path file;

        @Override
        public int verbosity() {
            return level;
        }

        @Override
        public void setVerbosity(int level, Duration duration) {
            this.level = level;
            this.duration = duration;
        }

        @Override
        public Optional<Path> logFile() {
            return Optional.ofNullable(file);
        }
    }

    private final FakeLogging fake = new FakeLogging();
    private volatile LoggingControl bound = fake;
    private final LoggingCalls calls = new LoggingCalls(() -> bound);

    @After
    public void close() {
        calls.close();
    }

    private static Call set(int level, long nanos) {
        return Call.newBuilder().setType(Call.Type.SET_LOGGING_LEVEL).setSetLoggingLevel(Call.SetLoggingLevel
                .newBuilder().setLevel(level).setDuration(DurationInfo.newBuilder().setNanoseconds(nanos))).build();
    }

    @Test
    public void theLevelIsSetForTheDurationAndReadBack() {
        LoggingCalls.Answer done = calls.setLoggingLevel(set(2, 3_000_000_000L));
        assertEquals(200, done.status());
        assertNull("200 with an empty body", done.response());
        assertEquals(Duration.ofSeconds(3), fake.duration);
        Response level = calls.getLoggingLevel().response();
        assertEquals(Response.Type.GET_LOGGING_LEVEL, level.getType());
        assertEquals(2, level.getGetLoggingLevel().getLevel());
        calls.setLoggingLevel(set(-1, 1));
        assertEquals("a uint32 above 2^31 is the most verbose", Integer.MAX_VALUE, fake.level);
    }

    @Test
    public void badSetsAre400AndWithoutLoggingControlTheLevelIs0AndSetsAre503() {
        LoggingCalls.Answer missing = calls.setLoggingLevel(Call.newBuilder().setType(Call.Type.SET_LOGGING_LEVEL)
                .build());
        assertEquals(400, missing.status());
        assertEquals("Failed to validate master::Call: Expecting 'set_logging_level' to be present", missing.error());
        for (long nanos : List.of(0L, -5L)) {
            LoggingCalls.Answer zero = calls.setLoggingLevel(set(1, nanos));
            assertEquals(400, zero.status());
            assertEquals("Failed to validate master::Call: 'set_logging_level.duration' must be positive, got " + nanos
                    + " nanoseconds", zero.error());
        }
        assertEquals(0, fake.level);

        bound = null;
        assertEquals(0, calls.getLoggingLevel().response().getGetLoggingLevel().getLevel());
        LoggingCalls.Answer unavailable = calls.setLoggingLevel(set(1, 1_000));
        assertEquals(503, unavailable.status());
        assertEquals(LoggingCalls.NOT_AVAILABLE, unavailable.error());
        assertEquals(404, calls.listFiles("/master/log").status());
    }

    @Test
    public void theLogIsListedAndReadAsMasterLogAndNothingElse() throws Exception {
        assertEquals("no log file", 404, calls.listFiles("/master/log").status());
        Path log = folder.getRoot().toPath().resolve("osmos.log");
        Files.writeString(log, "0123456789");
        fake.file = log;

        Response listed = calls.listFiles("/master/log").response();
        assertEquals(Response.Type.LIST_FILES, listed.getType());
        assertEquals(1, listed.getListFiles().getFileInfosCount());
        assertEquals("/master/log", listed.getListFiles().getFileInfos(0).getPath());
        assertEquals(10, listed.getListFiles().getFileInfos(0).getSize());

        Response read = calls.readFile(read("/master/log", 2, 3L)).response();
        assertEquals(Response.Type.READ_FILE, read.getType());
        assertEquals(10, read.getReadFile().getSize());
        assertEquals("234", read.getReadFile().getData().toStringUtf8());
        assertEquals("0123456789", calls.readFile(read("/master/log/", 0, null)).response().getReadFile().getData()
                .toStringUtf8());

        for (String path : List.of("/master", "/master/../etc/passwd", "/etc/passwd", log.toString(), "/slave/log")) {
            assertEquals(path, 404, calls.listFiles(path).status());
            LoggingCalls.Answer denied = calls.readFile(read(path, 0, null));
            assertEquals(path, 404, denied.status());
            assertEquals(FileReads.NOT_FOUND, denied.error());
        }
        assertEquals(400, calls.readFile(read("/master/log", -1, null)).status());
    }

    private static Call.ReadFile read(String path, long offset, Long length) {
        Call.ReadFile.Builder read = Call.ReadFile.newBuilder().setPath(path).setOffset(offset);
        if (length != null) {
            read.setLength(length);
        }
        return read.build();
    }
}
