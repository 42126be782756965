package io.osmos.isolator.cgroups.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds where a controller is mounted, from /proc/self/mountinfo: a cgroup v1 hierarchy carrying it
 * (possibly comounted, as {@code cpu,cpuacct}), else the cgroup v2 hierarchy if it offers it.
 */
public final class Mounts {

    /** A controller's hierarchy: its mount point and whether it is the v2 unified one. */
    public record Mount(Path path, boolean unified) {
    }

    private Mounts() {
    }

    public static Optional<Mount> find(String controller) {
        try {
            return find(controller, Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Mount> find(String controller, List<String> mountinfo) {
        Path unified = null;
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            Path point = Path.of(left[4]);
            if (right[0].equals("cgroup") && right.length > 2
                    && List.of(right[2].split(",")).contains(controller)) {
                return Optional.of(new Mount(point, false));
            }
            if (right[0].equals("cgroup2") && offers(point, controller)) {
                unified = point;
            }
        }
        return Optional.ofNullable(unified).map(p -> new Mount(p, true));
    }

    private static boolean offers(Path unified, String controller) {
        return Hierarchy.read(unified.resolve("cgroup.controllers"))
                .map(text -> List.of(text.split("\\s+")).contains(controller)).orElse(false);
    }
}
