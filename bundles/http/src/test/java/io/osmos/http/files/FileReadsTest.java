package io.osmos.http.files;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileReadsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file;

    @Before
    public void file() throws Exception {
        file = folder.getRoot().toPath().resolve("stdout");
        Files.writeString(file, "hello\n");
    }

    private FileRead read(Path path, long offset, Optional<Long> length) {
        return FileReads.read(() -> Optional.of(path), offset, length);
    }

    @Test
    public void aReadReturnsTheRangeAndTheWholeSize() {
        assertEquals("hello\n", read(file, 0, Optional.empty()).data().toStringUtf8());
        assertEquals("ell", read(file, 1, Optional.of(3L)).data().toStringUtf8());
        assertEquals("lo\n", read(file, 3, Optional.of(100L)).data().toStringUtf8());
        assertEquals("a uint64 length above 2^63 is no limit", "hello\n", read(file, 0, Optional.of(-1L)).data()
                .toStringUtf8());
        FileRead beyond = read(file, 100, Optional.of(3L));
        assertTrue(beyond.ok());
        assertEquals(6, beyond.size());
        assertTrue(beyond.data().isEmpty());
    }

    @Test
    public void aReadIsCappedAt16MiB() throws Exception {
        Path big = folder.getRoot().toPath().resolve("big");
        try (RandomAccessFile out = new RandomAccessFile(big.toFile(), "rw")) {
            out.setLength(FileReads.MAX_READ + 10L);
        }
        FileRead read = read(big, 5, Optional.empty());
        assertEquals(FileReads.MAX_READ + 10L, read.size());
        assertEquals(FileReads.MAX_READ, read.data().size());
        assertEquals(5, read(big, FileReads.MAX_READ + 5L, Optional.empty()).data().size());
    }

    @Test
    public void badReadsGetMesosErrorsAndANegativeOffsetIsRefusedFirst() {
        AtomicBoolean resolved = new AtomicBoolean();
        FileRead negative = FileReads.read(() -> {
            resolved.set(true);
            return Optional.empty();
        }, -1, Optional.empty());
        assertEquals(400, negative.status());
        assertEquals("Negative offset provided: -1", negative.error());
        assertTrue("the path is not looked at", !resolved.get());
        FileRead missing = FileReads.read(Optional::empty, 0, Optional.empty());
        assertEquals(404, missing.status());
        assertEquals(FileReads.NOT_FOUND, missing.error());
        FileRead directory = read(folder.getRoot().toPath(), 0, Optional.empty());
        assertEquals(400, directory.status());
        assertEquals("Cannot read a directory", directory.error());
    }
}
