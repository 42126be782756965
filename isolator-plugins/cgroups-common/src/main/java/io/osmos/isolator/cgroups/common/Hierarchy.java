package io.osmos.isolator.cgroups.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.osmos.api.isolation.ContainerConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cgroup hierarchy (a v1 controller's mount, or the v2 unified one) and the containers' cgroups
 * in it: {@code <mount>/<root>/<container>}, and {@code <mount>/<root>/<parent>/mesos/<container>}
 * for a nested container with cgroups of its own (Mesos' layout). On v2, processes live in a
 * {@code leaf} child, because a cgroup that hands controllers to children may hold no process.
 */
public final class Hierarchy {

    /** Mesos' separator between an executor's cgroup and its tasks' ones. */
    public static final String NESTED = "mesos";
    public static final String LEAF = "leaf";
    private static final Logger LOG = LoggerFactory.getLogger(Hierarchy.class);

    private final Path mount;
    private final String root;
    private final boolean unified;
    private final boolean cgroupfs;

    /**
     * @param cgroupfs true on the kernel's cgroupfs, where control files come with a directory and go
     *                 with it; false in a plain directory tree standing in for one (tests)
     */
    public Hierarchy(Path mount, String root, boolean unified, boolean cgroupfs) {
        this.mount = mount;
        this.root = root;
        this.unified = unified;
        this.cgroupfs = cgroupfs;
    }

    public boolean unified() {
        return unified;
    }

    public Path mount() {
        return mount;
    }

    public Path root() {
        return mount.resolve(root);
    }

    public Path cgroup(ContainerConfig container) {
        return container.nested() ? cgroup(container.parentId()).resolve(NESTED).resolve(container.containerId())
                : cgroup(container.containerId());
    }

    public Path cgroup(String topLevelContainerId) {
        return root().resolve(topLevelContainerId);
    }

    /** Where the container's processes go. */
    public Path processes(ContainerConfig container) {
        return unified ? cgroup(container).resolve(LEAF) : cgroup(container);
    }

    /** Creates the container's cgroup (and, on v2, hands the controller down to it). */
    public Path create(ContainerConfig container, String v2Controller) {
        Path cgroup = cgroup(container);
        try {
            if (unified) {
                enableDown(cgroup, v2Controller);
                Files.createDirectories(cgroup.resolve(LEAF));
            } else {
                Files.createDirectories(cgroup);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create cgroup " + cgroup, e);
        }
        return cgroup;
    }

    private void enableDown(Path cgroup, String controller) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = cgroup; !p.equals(mount); p = p.getParent()) {
            chain.add(0, p);
        }
        Path parent = mount;
        for (Path p : chain) {
            Files.createDirectories(p);
            Path control = parent.resolve("cgroup.subtree_control");
            if (!read(control).orElse("").contains(controller)) {
                write(control, "+" + controller);
            }
            parent = p;
        }
    }

    public void join(ContainerConfig container, long pid) {
        write(processes(container).resolve("cgroup.procs"), Long.toString(pid));
    }

    public static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write '" + value + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    public static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Kills what still runs in the cgroup and below, then removes them, deepest first. */
    public void destroy(Path cgroup) {
        if (!Files.isDirectory(cgroup)) {
            return;
        }
        for (Path child : children(cgroup)) {
            destroy(child);
        }
        killAll(cgroup);
        remove(cgroup);
    }

    private void killAll(Path cgroup) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Long> pids = pids(cgroup);
        while (!pids.isEmpty() && System.nanoTime() < deadline) {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            sleep(20);
            pids = pids(cgroup);
        }
        if (!pids.isEmpty()) {
            LOG.warn("Processes {} are still in {}", pids, cgroup);
        }
    }

    private void remove(Path cgroup) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                if (!cgroupfs) {
                    try (Stream<Path> files = Files.list(cgroup)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                    }
                }
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException e) {
                // The kernel answers EBUSY for a moment after the last process left.
                sleep(20);
            }
        }
        LOG.warn("Cannot remove cgroup {}", cgroup);
    }

    public static List<Long> pids(Path cgroup) {
        return read(cgroup.resolve("cgroup.procs")).map(text -> text.lines().filter(l -> !l.isBlank())
                .map(String::trim).map(Long::parseLong).toList()).orElse(List.of());
    }

    public static List<Path> children(Path cgroup) {
        if (!Files.isDirectory(cgroup)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(cgroup)) {
            return list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A container's cgroup by id: top level, or nested under some executor's; null when it has none here. */
    public Path find(String containerId) {
        Path top = cgroup(containerId);
        if (Files.isDirectory(top)) {
            return top;
        }
        for (Path parent : children(root())) {
            Path nested = parent.resolve(NESTED).resolve(containerId);
            if (Files.isDirectory(nested)) {
                return nested;
            }
        }
        return null;
    }

    /** The "key value" lines of a cgroup statistics file whose values are counters. */
    public static java.util.Map<String, Long> counters(String text) {
        java.util.Map<String, Long> values = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[1].matches("-?\\d+")) {
                values.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return values;
    }

    /** Removes the root cgroup if no container is left in it. */
    public void removeRootIfEmpty() {
        if (Files.isDirectory(root()) && children(root()).isEmpty()) {
            remove(root());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
