package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.resources.Reservations;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the persistent volumes in a container's resources available in its sandbox, at
 * {@code <sandbox>/<container_path>}, before its program starts: a bind mount of the volume's
 * directory, or, where mounting is not permitted (not root), a symbolic link to it, as Mesos'
 * {@code filesystem/posix} isolator does. Which one is used is logged. A {@code container_path}
 * must be relative and stay inside the sandbox (nested paths such as {@code data/db} are fine);
 * an absolute one is refused, since containers have no root filesystem of their own (Mesos'
 * posix isolator ignores such volumes; its linux isolator needs a container image for them).
 *
 * <p>When the container ends its volumes are unmounted (symlinks removed) before anything may
 * collect the sandbox; the data stays in the volume. At agent start, mounts left under the
 * sandboxes by containers that no longer run are unmounted. Thread-safe.
 */
final class VolumeMounts {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeMounts.class);
    private static final int REMEMBERED_ENDED = 1024;

    /** One volume in one container: its directory, where it shows, and whether it is mounted or linked. */
    record Attached(Path source, Path target, boolean mounted) {
    }

    private final PersistentVolumes volumes;
    private final Mounts mounts;
    /** By container id, then target. */
    private final Map<String, Map<Path, Attached>> attached = new HashMap<>();
    private final Set<String> ended = new LinkedHashSet<>();
    private boolean warnedNoMount;

    VolumeMounts(PersistentVolumes volumes, Mounts mounts) {
        this.volumes = volumes;
        this.mounts = mounts;
    }

    /**
     * Brings the container's volumes in line with {@code resources}: attaches those it lacks,
     * detaches those no longer there. Nothing for a container that ended.
     *
     * @throws IllegalArgumentException for a container_path that is absolute or leaves the sandbox
     * @throws IOException when a volume's directory is missing or cannot be attached
     */
    synchronized void attach(String containerId, Path sandbox, List<Resource> resources) throws IOException {
        if (ended.contains(containerId)) {
            LOG.debug("Container {} ended: its volumes are not attached again", containerId);
            return;
        }
        Map<Path, Resource> wanted = new LinkedHashMap<>();
        for (Resource resource : resources) {
            if (Reservations.isPersistentVolume(resource)) {
                wanted.put(target(sandbox, resource), resource);
            }
        }
        Map<Path, Attached> mine = attached.computeIfAbsent(containerId, id -> new LinkedHashMap<>());
        for (Attached old : List.copyOf(mine.values())) {
            Resource volume = wanted.get(old.target());
            if (volume == null || !volumes.path(volume).equals(old.source())) {
                release(containerId, old);
                mine.remove(old.target());
            }
        }
        for (Map.Entry<Path, Resource> entry : wanted.entrySet()) {
            if (!mine.containsKey(entry.getKey())) {
                mine.put(entry.getKey(), attach(containerId, sandbox, volumes.path(entry.getValue()), entry.getKey()));
            }
        }
    }

    /** The container ended (or never started): its volumes leave its sandbox. */
    synchronized void detach(String containerId) {
        ended.add(containerId);
        while (ended.size() > REMEMBERED_ENDED) {
            ended.remove(ended.iterator().next());
        }
        Map<Path, Attached> mine = attached.remove(containerId);
        if (mine != null) {
            mine.values().forEach(a -> release(containerId, a));
        }
    }

    /** Whether a live container has this volume's directory attached. */
    synchronized boolean attached(Resource volume) {
        Path source = volumes.path(volume).toAbsolutePath();
        return attached.values().stream().flatMap(m -> m.values().stream()).anyMatch(a -> a.source().equals(source));
    }

    /**
     * Whether the volume is in use: attached to a live container, or held by an executor or an
     * unfinished task of a run that has not ended (perhaps not attached yet). Loop only.
     */
    boolean inUse(Resource volume, Collection<Map<String, ExecutorRun>> executors) {
        if (attached(volume)) {
            return true;
        }
        Path path = volumes.path(volume);
        for (Map<String, ExecutorRun> runs : executors) {
            for (ExecutorRun run : runs.values()) {
                if (run.state != ExecutorRun.State.TERMINATED && ExecutorContainers.resources(run, true).stream()
                        .anyMatch(r -> Reservations.isPersistentVolume(r) && volumes.path(r).equals(path))) {
                    return true;
                }
            }
        }
        return false;
    }

    synchronized List<Attached> attachments(String containerId) {
        return List.copyOf(attached.getOrDefault(containerId, Map.of()).values());
    }

    /**
     * Unmounts what is mounted under the sandboxes, except under {@code live} sandboxes: those of
     * executors the agent adopted at recovery, whose volumes stay (see {@link #adopt}).
     */
    void recover(Path sandboxRoot, Set<Path> live) {
        try {
            for (Path leftover : Mounts.under(sandboxRoot)) {
                if (live.stream().anyMatch(leftover::startsWith)) {
                    continue;
                }
                try {
                    mounts.unmount(leftover);
                    LOG.warn("Unmounted {}, left by a container that no longer runs", leftover);
                } catch (IOException e) {
                    LOG.error("Cannot unmount {}, left by a container that no longer runs: {}", leftover,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot list the mounts under {}: {}", sandboxRoot, e.getMessage());
        }
    }

    /**
     * A container adopted at recovery: its volumes are taken as attached where they already show
     * (mounted, or linked), so that they are released when it ends; nothing is mounted again.
     */
    synchronized void adopt(String containerId, Path sandbox, List<Resource> resources) {
        Map<Path, Attached> mine = attached.computeIfAbsent(containerId, id -> new LinkedHashMap<>());
        for (Resource resource : resources) {
            if (!Reservations.isPersistentVolume(resource)) {
                continue;
            }
            try {
                Path target = target(sandbox, resource);
                boolean linked = Files.isSymbolicLink(target);
                if (linked || Files.exists(target)) {
                    mine.put(target, new Attached(volumes.path(resource).toAbsolutePath(), target, !linked));
                }
            } catch (IllegalArgumentException e) {
                LOG.debug("Volume of container {} not adopted: {}", containerId, e.getMessage());
            }
        }
    }

    private static Path target(Path sandbox, Resource volume) {
        String containerPath = volume.getDisk().getVolume().getContainerPath();
        String id = volume.getDisk().getPersistence().getId();
        if (containerPath.isEmpty()) {
            throw new IllegalArgumentException("Persistent volume " + id + " has no container_path");
        }
        if (containerPath.startsWith("/")) {
            throw new IllegalArgumentException("Persistent volume " + id + " has the absolute container_path '"
                    + containerPath + "': only paths relative to the sandbox are supported (containers have no"
                    + " root filesystem of their own)");
        }
        Path target = sandbox.resolve(containerPath).normalize();
        if (!target.startsWith(sandbox.normalize()) || target.equals(sandbox.normalize())) {
            throw new IllegalArgumentException("Persistent volume " + id + " has the container_path '"
                    + containerPath + "', which leaves the sandbox");
        }
        return target;
    }

    private Attached attach(String containerId, Path sandbox, Path volume, Path target) throws IOException {
        Path source = volume.toAbsolutePath();
        if (!Files.isDirectory(source)) {
            throw new IOException("The directory " + source + " of the persistent volume does not exist");
        }
        confined(sandbox, target);
        if (Files.isSymbolicLink(target)) {
            if (Files.isDirectory(target) && target.toRealPath().equals(source.toRealPath())) {
                return new Attached(source, target, false);
            }
            throw new IOException("Cannot attach persistent volume " + source + " at " + target
                    + ": a symbolic link to elsewhere is there");
        }
        boolean made = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (!made && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Cannot attach persistent volume " + source + " at " + target
                    + ": a file is there");
        }
        Files.createDirectories(target);
        confined(sandbox, target);
        try {
            mounts.bind(source, target);
            LOG.info("Bind-mounted persistent volume {} at {} for container {}", source, target, containerId);
            return new Attached(source, target, true);
        } catch (IOException e) {
            if (!warnedNoMount) {
                warnedNoMount = true;
                LOG.warn("Cannot bind mount persistent volumes ({}): symlinking them into sandboxes instead, as"
                        + " Mesos' filesystem/posix isolator does", e.getMessage());
            }
            if (!made) {
                throw new IOException("Cannot bind mount persistent volume " + source + " over the existing "
                        + target + ": " + e.getMessage(), e);
            }
        }
        Files.delete(target);
        Files.createSymbolicLink(target, source);
        LOG.info("Symlinked persistent volume {} at {} for container {}", source, target, containerId);
        return new Attached(source, target, false);
    }

    /**
     * A symbolic link a task put in its sandbox must not send a mount elsewhere: the deepest part of
     * {@code target} that exists must really be inside the sandbox.
     */
    private static void confined(Path sandbox, Path target) throws IOException {
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || Files.isSymbolicLink(existing) && existing.equals(target)) {
            return;
        }
        if (!existing.toRealPath().startsWith(sandbox.toRealPath())) {
            throw new IOException("Cannot attach a persistent volume at " + target + ": " + existing
                    + " leads out of the sandbox");
        }
    }

    private void release(String containerId, Attached attachment) {
        try {
            if (attachment.mounted()) {
                mounts.unmount(attachment.target());
                LOG.info("Unmounted persistent volume {} from {} of container {}", attachment.source(),
                        attachment.target(), containerId);
            } else if (Files.isSymbolicLink(attachment.target())) {
                Files.delete(attachment.target());
            }
        } catch (IOException e) {
            LOG.error("Cannot detach persistent volume {} from {} of container {}: {}", attachment.source(),
                    attachment.target(), containerId, e.getMessage());
        }
    }
}
