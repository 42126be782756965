package io.osmos.modules.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars kept under {@code <work_dir>/modules}: {@code <bsn>/<version>.jar} for each version an
 * update replaced, {@code <bsn>/history} listing the ones a rollback goes back to (one file name a
 * line, newest last), and {@code .staging/} for jars being checked. The history is on disk so that a
 * rollback still works after the process restarted (the bundle cache keeps the updated bundle).
 * Used from the single swap thread.
 */
final class Backups {

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    private static final String HISTORY = "history";

    private final Path root;
    private final Map<String, Deque<Path>> history = new HashMap<>();

    Backups(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Copies a file path or URL to a staging file; a 400 when it cannot be read. */
    Path stage(String location) {
        if (location == null || location.isBlank()) {
            throw new ModuleException(ModuleException.BAD_REQUEST, "No location: give a jar's path or URL");
        }
        try {
            Path staging = root.resolve(".staging");
            Files.createDirectories(staging);
            Path target = staging.resolve(UUID.randomUUID() + ".jar");
            try (InputStream in = open(location)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException | IllegalArgumentException e) {
            throw new ModuleException(ModuleException.BAD_REQUEST, "Cannot read " + location + ": " + e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (URL_SCHEME.matcher(location).matches()) {
            return URI.create(location).toURL().openStream();
        }
        return Files.newInputStream(Path.of(location));
    }

    /** Keeps the bundle's current content as {@code <bsn>/<version>.jar} and remembers it as the one to roll back to. */
    Path save(Bundle bundle) throws IOException {
        Path jar = root.resolve(bundle.getSymbolicName()).resolve(bundle.getVersion() + ".jar");
        BundleJars.write(bundle, jar);
        Deque<Path> versions = versions(bundle.getSymbolicName());
        versions.remove(jar);
        versions.addLast(jar);
        store(bundle.getSymbolicName(), versions);
        return jar;
    }

    /**
     * The jar a rollback goes back to when {@code running} is the version running now: entries of that
     * very version (the history outlives a restart that brought the bundle back to it) are dropped.
     */
    Optional<Path> previousOtherThan(String symbolicName, String running) throws IOException {
        Deque<Path> versions = versions(symbolicName);
        while (!versions.isEmpty() && versions.peekLast().getFileName().toString().equals(running + ".jar")) {
            versions.pollLast();
            store(symbolicName, versions);
        }
        return Optional.ofNullable(versions.peekLast());
    }

    /** After a rollback: the version rolled back to is current again, so the next rollback goes one further. */
    void consumed(String symbolicName) throws IOException {
        Deque<Path> versions = versions(symbolicName);
        if (versions.pollLast() != null) {
            store(symbolicName, versions);
        }
    }

    /** The history of a bundle, read from disk the first time; jars deleted by hand since are left out. */
    private Deque<Path> versions(String symbolicName) {
        return history.computeIfAbsent(symbolicName, name -> {
            Deque<Path> versions = new ArrayDeque<>();
            Path dir = root.resolve(name);
            Path file = dir.resolve(HISTORY);
            if (Files.isRegularFile(file)) {
                try {
                    for (String line : Files.readAllLines(file)) {
                        Path jar = dir.resolve(line.trim());
                        if (!line.isBlank() && jar.getParent().equals(dir) && Files.isRegularFile(jar)) {
                            versions.addLast(jar);
                        }
                    }
                } catch (IOException e) {
                    LOG.warn("Cannot read the rollback history {}: {}; starting a new one", file, e.toString());
                }
            }
            return versions;
        });
    }

    /** Replaces the history file in one rename, so a crash leaves the old or the new list, never half of one. */
    private void store(String symbolicName, Deque<Path> versions) throws IOException {
        Path dir = root.resolve(symbolicName);
        Files.createDirectories(dir);
        StringBuilder lines = new StringBuilder();
        for (Path jar : versions) {
            lines.append(jar.getFileName()).append('\n');
        }
        Path temporary = dir.resolve(HISTORY + ".tmp");
        Files.writeString(temporary, lines);
        Files.move(temporary, dir.resolve(HISTORY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A staging file left behind is harmless; the next stage uses a new name.
        }
    }
}
