package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.osmos.agent.impl.NestedContainers.Answer;
import io.osmos.http.files.FileReads;
import io.osmos.proto.v1.FileInfo;
import io.osmos.proto.v1.agent.Response;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SandboxFilesTest {

    private static final String VIRTUAL = SandboxPathsTest.VIRTUAL;
    private static final int S_IFMT = 0170000;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path sandbox;
    private Path log;
    private volatile Path logFile;
    private SandboxFiles files;

    @Before
    public void sandbox() throws IOException {
        Path workDir = folder.getRoot().toPath().resolve("agent");
        sandbox = SandboxPathsTest.layout(workDir);
        log = folder.getRoot().toPath().resolve("logs").resolve("osmos.log");
        files = new SandboxFiles(new SandboxPaths(workDir, () -> "S0"), () -> Optional.ofNullable(logFile));
    }

    @After
    public void close() {
        files.close();
    }

    private static Answer await(java.util.concurrent.CompletableFuture<Answer> answer) throws Exception {
        return answer.get(10, TimeUnit.SECONDS);
    }

    private Map<String, FileInfo> listing(String path) throws Exception {
        Answer answer = await(files.list(path));
        assertEquals(answer.error(), 200, answer.status());
        assertEquals(Response.Type.LIST_FILES, answer.response().getType());
        return answer.response().getListFiles().getFileInfosList().stream()
                .collect(Collectors.toMap(FileInfo::getPath, Function.identity()));
    }

    @Test
    public void aDirectoryListsItsEntriesUnderTheRequestedPath() throws Exception {
        Files.setLastModifiedTime(sandbox.resolve("stdout"), FileTime.fromMillis(1_700_000_000_123L));
        Map<String, FileInfo> listed = listing(VIRTUAL + "/");
        assertEquals(List.of("containers", "dangling", "etc", "secret", "stdout", "tasks").stream()
                .map(name -> VIRTUAL + "/" + name).collect(Collectors.toSet()), listed.keySet());
        FileInfo stdout = listed.get(VIRTUAL + "/stdout");
        assertEquals(6, stdout.getSize());
        assertEquals(0100000, stdout.getMode() & S_IFMT);
        assertEquals(Files.getPosixFilePermissions(sandbox.resolve("stdout")).size(),
                Integer.bitCount(stdout.getMode() & 0777));
        assertEquals(1, stdout.getNlink());
        assertEquals(1_700_000_000L * 1_000_000_000L, stdout.getMtime().getNanoseconds());
        assertEquals(Files.getOwner(sandbox.resolve("stdout")).getName(), stdout.getUid());
        assertTrue(stdout.hasGid() && !stdout.getGid().isEmpty());
        assertEquals(0040000, listed.get(VIRTUAL + "/containers").getMode() & S_IFMT);
    }

    @Test
    public void linksLeavingTheSandboxAreListedAsLinksOnly() throws Exception {
        Map<String, FileInfo> listed = listing(VIRTUAL);
        for (String link : List.of("secret", "etc", "dangling")) {
            FileInfo info = listed.get(VIRTUAL + "/" + link);
            assertEquals(link, 0120000, info.getMode() & S_IFMT);
        }
        assertEquals("a link inside is followed", 0040000, listing(VIRTUAL + "/tasks").get(VIRTUAL + "/tasks/t1")
                .getMode() & S_IFMT);
    }

    @Test
    public void aFileListsItselfAndEscapesAreNotFound() throws Exception {
        Map<String, FileInfo> listed = listing(VIRTUAL + "/tasks/t1/stdout");
        assertEquals(7, listed.get(VIRTUAL + "/tasks/t1/stdout").getSize());
        for (String path : List.of(VIRTUAL + "/..", VIRTUAL + "/etc", "/etc", "/frameworks/fw")) {
            Answer answer = await(files.list(path));
            assertEquals(path, 404, answer.status());
            assertEquals(FileReads.NOT_FOUND, answer.error());
        }
    }

    @Test
    public void readsReturnTheRangeAndTheWholeSize() throws Exception {
        assertEquals("hello\n", read(VIRTUAL + "/stdout", 0, Optional.empty()).getData().toStringUtf8());
        assertEquals("ell", read(VIRTUAL + "/stdout", 1, Optional.of(3L)).getData().toStringUtf8());
        assertEquals("lo\n", read(VIRTUAL + "/stdout", 3, Optional.of(100L)).getData().toStringUtf8());
        Response.ReadFile beyond = read(VIRTUAL + "/stdout", 100, Optional.of(3L));
        assertEquals(6, beyond.getSize());
        assertTrue(beyond.getData().isEmpty());
        assertEquals("from t1", read(VIRTUAL + "/tasks/t1/stdout", 0, Optional.of(-1L)).getData().toStringUtf8());
    }

    @Test
    public void aReadIsCappedAt16MiB() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(sandbox.resolve("big").toFile(), "rw")) {
            big.setLength(FileReads.MAX_READ + 10L);
        }
        Response.ReadFile read = read(VIRTUAL + "/big", 5, Optional.empty());
        assertEquals(FileReads.MAX_READ + 10L, read.getSize());
        assertEquals(FileReads.MAX_READ, read.getData().size());
        assertEquals(5, read(VIRTUAL + "/big", FileReads.MAX_READ + 5L, Optional.empty()).getData().size());
    }

    @Test
    public void badReadsGetMesosErrors() throws Exception {
        Answer directory = await(files.read(VIRTUAL + "/tasks", 0, Optional.empty()));
        assertEquals(400, directory.status());
        assertEquals("Cannot read a directory", directory.error());
        assertEquals(400, await(files.read(VIRTUAL + "/stdout", -1, Optional.empty())).status());
        assertEquals(404, await(files.read(VIRTUAL + "/secret", 0, Optional.empty())).status());
        assertEquals(404, await(files.read(VIRTUAL + "/../../../../../../secret", 0, Optional.empty())).status());
        assertEquals(404, await(files.read("/etc/passwd", 0, Optional.empty())).status());
    }

    @Test
    public void theLogFileIsAttachedAsSlaveLogWhileTheAgentLogsToOne() throws Exception {
        assertEquals("no log file", 404, await(files.list("/slave/log")).status());
        Files.createDirectories(log.getParent());
        Files.writeString(log, "I0101 agent started\n");
        logFile = log;
        Map<String, FileInfo> listed = listing("/slave/log");
        assertEquals(List.of("/slave/log"), List.copyOf(listed.keySet()));
        assertEquals(20, listed.get("/slave/log").getSize());
        assertEquals("agent", read("/slave/log", 6, Optional.of(5L)).getData().toStringUtf8());
        for (String path : List.of("/slave", "/slave/log/x", "/slave/../etc/passwd", "/slave/log/../../etc/passwd")) {
            assertEquals(path, 404, await(files.list(path)).status());
            assertEquals(path, 404, await(files.read(path, 0, Optional.empty())).status());
        }
    }

    @Test
    public void callsAfterCloseAreRefused() throws Exception {
        files.close();
        assertEquals(503, await(files.list(VIRTUAL)).status());
    }

    private Response.ReadFile read(String path, long offset, Optional<Long> length) throws Exception {
        Answer answer = await(files.read(path, offset, length));
        assertEquals(answer.error(), 200, answer.status());
        assertEquals(Response.Type.READ_FILE, answer.response().getType());
        return answer.response().getReadFile();
    }
}
