package io.osmos.agent.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Mesos sandbox layout under the work dir:
 * {@code slaves/<agent>/frameworks/<framework>/executors/<executor>/runs/<container>}, with a
 * {@code latest} link to the newest run of each executor.
 */
final class Sandboxes {

    private final Path workDir;

    Sandboxes(Path workDir) {
        this.workDir = workDir;
    }

    Path create(String agentId, String frameworkId, String executorId, String containerId) {
        Path runs = workDir.resolve("slaves").resolve(agentId).resolve("frameworks").resolve(frameworkId)
                .resolve("executors").resolve(executorId).resolve("runs");
        Path sandbox = runs.resolve(containerId);
        try {
            Files.createDirectories(sandbox);
            Path link = runs.resolve("latest");
            Path temp = runs.resolve(".latest-" + containerId);
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, sandbox.getFileName());
            Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the sandbox " + sandbox, e);
        }
        return sandbox;
    }
}
