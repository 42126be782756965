package io.osmos.http.files;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AttachedFileTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void onlyTheVirtualPathNamesTheFileWhileItExists() throws Exception {
        Path log = folder.getRoot().toPath().resolve("osmos.log");
        Files.writeString(log, "line\n");
        AtomicReference<Optional<Path>> current = new AtomicReference<>(Optional.of(log));
        AttachedFile attached = new AttachedFile("/master/log", current::get);
        for (String path : List.of("/master/log", "/master/log/", "//master//log")) {
            assertEquals(path, Optional.of(log.toRealPath()), attached.resolve(path));
        }
        for (String path : List.of("/master", "/master/log/x", "/master/../etc/passwd", "/master/log/..", "master/log",
                "/slave/log", "/", "", log.toString())) {
            assertEquals(path, Optional.empty(), attached.resolve(path));
        }
        assertEquals(Optional.empty(), attached.resolve(null));
        Files.delete(log);
        assertEquals("a file gone is not found", Optional.empty(), attached.resolve("/master/log"));
        current.set(Optional.empty());
        assertEquals("no file attached", Optional.empty(), attached.resolve("/master/log"));
        current.set(Optional.of(folder.getRoot().toPath()));
        assertEquals("only a regular file", Optional.empty(), attached.resolve("/master/log"));
    }

    @Test
    public void theVirtualPathMustBeAbsolute() {
        for (String bad : List.of("master/log", "/", "")) {
            try {
                new AttachedFile(bad, Optional::empty);
                throw new AssertionError(bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("absolute"));
            }
        }
    }
}
