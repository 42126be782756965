package io.osmos.transport.uds.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The socket file: a path short enough for the kernel, no stale file in the way, mode 0600. */
final class SocketPath {

    /** sun_path holds 108 bytes including the terminating NUL, as Mesos checks at start. */
    static final int MAX_BYTES = 107;

    private SocketPath() {
    }

    static Path prepare(String location) {
        int bytes = location.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("Domain socket path " + location + " is " + bytes
                    + " bytes long; a Unix domain socket path may have at most " + MAX_BYTES);
        }
        Path path = Path.of(location).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the domain socket " + path, e);
        }
        return path;
    }

    /** Only the agent's user may connect: tasks run as that user too. */
    static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set the mode of " + path, e);
        }
    }
}
