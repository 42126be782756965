package io.osmos.agent.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Keeps the id the master gave this agent in {@code <work_dir>/meta/slaves/latest}, so that a
 * restarted or updated agent re-registers as the same agent.
 */
final class AgentIdStore {

    private final Path file;

    AgentIdStore(Path workDir) {
        this.file = workDir.resolve("meta").resolve("slaves").resolve("latest");
    }

    Optional<String> load() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the agent id from " + file, e);
        }
    }

    /** Writes atomically (temp file + rename), so a crash never leaves half an id. */
    void store(String id) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "latest", ".tmp");
            Files.writeString(temp, id, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the agent id to " + file, e);
        }
    }
}
