package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories of persistent volumes, as Mesos lays them out:
 * {@code <work_dir>/volumes/roles/<role>/<persistence id>}, where the role is the volume's
 * reservation role (its last, most refined reservation). A hierarchical role's {@code /} is
 * written as a space ({@code eng/web} → {@code "eng web"}), Mesos' encoding: role names cannot
 * hold whitespace, so it is unambiguous, and a volume's files never mix with sub-roles'.
 */
final class PersistentVolumes {

    private static final Logger LOG = LoggerFactory.getLogger(PersistentVolumes.class);

    private final Path roles;

    PersistentVolumes(Path workDir) {
        this.roles = workDir.resolve("volumes").resolve("roles");
    }

    Path path(Resource volume) {
        return path(Resources.reservationRole(volume), volume.getDisk().getPersistence().getId());
    }

    Path path(String role, String persistenceId) {
        return roles.resolve(role.replace('/', ' ')).resolve(persistenceId);
    }

    /**
     * Creates the volume's directory; one left from an earlier volume of that id and role is reused,
     * as Mesos does. Whether it made a new one.
     */
    boolean create(Resource volume) throws IOException {
        Path path = path(volume);
        if (Files.isDirectory(path)) {
            LOG.warn("Persistent volume directory {} already exists: reusing it", path);
            return false;
        }
        Files.createDirectories(path);
        LOG.info("Created persistent volume directory {}", path);
        return true;
    }

    /** Renames the volume's directory to its new role's path: one atomic rename, the data untouched. */
    void move(Resource from, Resource to) throws IOException {
        Path source = path(from);
        Path target = path(to);
        if (source.equals(target)) {
            return;
        }
        if (Files.exists(target)) {
            throw new IOException("Cannot move persistent volume " + source + " to " + target + ": the target exists");
        }
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        removeIfEmpty(source.getParent());
        LOG.info("Moved persistent volume directory {} to {}", source, target);
    }

    /** Deletes the volume's directory and everything in it; symbolic links are deleted, never followed. */
    void delete(Resource volume) throws IOException {
        Path path = path(volume);
        if (!Files.exists(path)) {
            LOG.warn("Persistent volume directory {} was already gone", path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                if (error != null) {
                    throw error;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        removeIfEmpty(path.getParent());
        LOG.info("Deleted persistent volume directory {}", path);
    }

    /**
     * Makes sure every checkpointed volume has its directory. One that is missing was being moved
     * when the agent stopped (the checkpoint is written before the rename): a directory of the same
     * persistence id under another role, which no checkpointed volume claims, is moved into place.
     * Otherwise an empty one is created.
     */
    void recover(Resources volumes) throws IOException {
        Set<Path> claimed = new HashSet<>();
        volumes.forEach(v -> claimed.add(path(v)));
        for (Resource volume : volumes) {
            Path path = path(volume);
            if (Files.isDirectory(path)) {
                continue;
            }
            Path moving = unclaimed(volume.getDisk().getPersistence().getId(), claimed);
            if (moving != null) {
                Files.createDirectories(path.getParent());
                Files.move(moving, path, StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("Finished moving persistent volume directory {} to {}", moving, path);
            } else {
                Files.createDirectories(path);
                LOG.warn("Persistent volume directory {} was missing: created it empty", path);
            }
        }
    }

    private Path unclaimed(String persistenceId, Set<Path> claimed) throws IOException {
        if (!Files.isDirectory(roles)) {
            return null;
        }
        try (DirectoryStream<Path> roleDirs = Files.newDirectoryStream(roles)) {
            for (Path role : roleDirs) {
                Path candidate = role.resolve(persistenceId);
                if (Files.isDirectory(candidate) && !claimed.contains(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static void removeIfEmpty(Path roleDir) {
        try {
            Files.deleteIfExists(roleDir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Other volumes of the role live there.
        } catch (IOException e) {
            LOG.debug("Cannot remove {}: {}", roleDir, e.getMessage());
        }
    }
}
