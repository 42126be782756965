package io.osmos.http.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One file attached under a virtual path, as Mesos attaches its log file as {@code /master/log}
 * or {@code /slave/log}. A request names it by that path alone (repeated or trailing slashes
 * aside): {@code /master/log/x}, {@code /master} or {@code /master/../etc/passwd} name nothing.
 */
public final class AttachedFile {

    private final String path;
    private final List<String> names;
    private final Supplier<Optional<Path>> file;

    /**
     * @param path the virtual path, absolute, e.g. {@code /master/log}
     * @param file the file attached now, asked at every request: it may come and go
     */
    public AttachedFile(String path, Supplier<Optional<Path>> file) {
        if (path == null || !path.startsWith("/") || names(path).isEmpty()) {
            throw new IllegalArgumentException("An attached path is absolute and names something: '" + path + "'");
        }
        this.path = path;
        this.names = names(path);
        this.file = Objects.requireNonNull(file, "file");
    }

    public String path() {
        return path;
    }

    /** The real path of the attached file when {@code requested} names it and it is a regular file; else empty. */
    public Optional<Path> resolve(String requested) {
        if (requested == null || !requested.startsWith("/") || !names(requested).equals(names)) {
            return Optional.empty();
        }
        return file.get().flatMap(AttachedFile::realFile);
    }

    private static Optional<Path> realFile(Path file) {
        try {
            Path real = file.toRealPath();
            return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> names(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
