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

/**
 * The jars kept under {@code <work_dir>/modules}: {@code <bsn>/<version>.jar} for each version an
 * update replaced (newest last, for rollback), and {@code .staging/} for jars being checked.
 * Used from the single swap thread.
 */
final class Backups {

    private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

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
        Deque<Path> versions = history.computeIfAbsent(bundle.getSymbolicName(), k -> new ArrayDeque<>());
        versions.remove(jar);
        versions.addLast(jar);
        return jar;
    }

    /** The jar a rollback of {@code symbolicName} goes back to. */
    Optional<Path> previous(String symbolicName) {
        Deque<Path> versions = history.get(symbolicName);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.peekLast());
    }

    /** After a rollback: the version rolled back to is current again, so the next rollback goes one further. */
    void consumed(String symbolicName) {
        Deque<Path> versions = history.get(symbolicName);
        if (versions != null) {
            versions.pollLast();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A staging file left behind is harmless; the next stage uses a new name.
        }
    }
}
