package io.osmos.isolator.cgroups.memory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.isolator.cgroups.common.Hierarchy;

/**
 * Mesos' memory mapping (reference §1.4): soft limit = request, hard limit = limit (or the request
 * when there is none, unlimited for infinity), at least 32 MB each; the hard limit is only ever
 * raised on a running container, never lowered, so an update cannot OOM it. v1 files
 * ({@code memory.soft_limit_in_bytes}, {@code memory.limit_in_bytes}) or v2 ({@code memory.low},
 * {@code memory.max}).
 */
final class MemoryControl {

    static final long MB = 1024 * 1024;
    static final long MIN_BYTES = 32 * MB;
    /** What v1 reads back for "no limit" (a page-aligned LONG_MAX). */
    static final long V1_UNLIMITED = 9223372036854771712L;

    private MemoryControl() {
    }

    static long soft(ContainerConfig container) {
        return Math.max((long) (container.request("mem") * MB), MIN_BYTES);
    }

    /** The hard limit in bytes, -1 for none. */
    static long hard(ContainerConfig container) {
        Optional<Double> limit = container.limit("mem");
        if (limit.isEmpty()) {
            return soft(container);
        }
        return Double.isInfinite(limit.get()) ? -1 : Math.max((long) (limit.get() * MB), MIN_BYTES);
    }

    /** Writes the limits; the hard one only when {@code initial} or when it grows. */
    static void apply(Path cgroup, ContainerConfig container, boolean unified, boolean initial, boolean limitSwap) {
        long soft = soft(container);
        long hard = hard(container);
        String hardFile = unified ? "memory.max" : "memory.limit_in_bytes";
        long current = readLimit(cgroup.resolve(hardFile));
        boolean raise = hard < 0 ? current >= 0 : current >= 0 && hard > current;
        if (initial || raise) {
            String value = hard < 0 ? (unified ? "max" : "-1") : Long.toString(hard);
            if (!unified && limitSwap && hard >= 0 && current >= 0 && hard < current) {
                Hierarchy.write(cgroup.resolve(hardFile), value);
                Hierarchy.write(cgroup.resolve("memory.memsw.limit_in_bytes"), value);
            } else {
                if (!unified && limitSwap) {
                    Hierarchy.write(cgroup.resolve("memory.memsw.limit_in_bytes"), value);
                }
                Hierarchy.write(cgroup.resolve(hardFile), value);
            }
        }
        Hierarchy.write(cgroup.resolve(unified ? "memory.low" : "memory.soft_limit_in_bytes"), Long.toString(soft));
    }

    /** A limit file's value in bytes, -1 when unlimited or unreadable as a number. */
    static long readLimit(Path file) {
        String text = Hierarchy.read(file).orElse("max");
        if (text.equals("max")) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value >= V1_UNLIMITED ? -1 : value;
    }

    /** The kernel's count of OOM kills in the cgroup; the cgroup is fresh per container, so > 0 means one happened. */
    static long oomKills(Path cgroup, boolean unified) {
        String file = unified ? "memory.events" : "memory.oom_control";
        Long kills = Hierarchy.counters(Hierarchy.read(cgroup.resolve(file)).orElse("")).get("oom_kill");
        return kills == null ? 0 : kills;
    }

    static Optional<ContainerLimitation> limitation(Path cgroup, boolean unified) {
        if (oomKills(cgroup, unified) == 0) {
            return Optional.empty();
        }
        long soft = readLimit(cgroup.resolve(unified ? "memory.low" : "memory.soft_limit_in_bytes"));
        long hard = readLimit(cgroup.resolve(unified ? "memory.max" : "memory.limit_in_bytes"));
        long peak = Hierarchy.read(cgroup.resolve(unified ? "memory.peak" : "memory.max_usage_in_bytes"))
                .map(Long::parseLong).orElse(-1L);
        String message = "Memory limit exceeded: Requested: " + megabytes(soft) + ", Limit: " + megabytes(hard)
                + (peak >= 0 ? ", Maximum Used: " + megabytes(peak) : "");
        return Optional.of(new ContainerLimitation("REASON_CONTAINER_LIMITATION_MEMORY", message,
                Map.of("mem", hard < 0 ? Double.POSITIVE_INFINITY : hard / (double) MB)));
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "unlimited" : bytes / MB + "MB";
    }

    /** Usage by ResourceStatistics field names. */
    static Map<String, Double> usage(Path cgroup, boolean unified) {
        Map<String, Double> usage = new LinkedHashMap<>();
        Map<String, Long> stat = Hierarchy.counters(Hierarchy.read(cgroup.resolve("memory.stat")).orElse(""));
        Hierarchy.read(cgroup.resolve(unified ? "memory.current" : "memory.usage_in_bytes"))
                .ifPresent(v -> usage.put("mem_total_bytes", Double.parseDouble(v)));
        put(usage, "mem_rss_bytes", stat.get(unified ? "anon" : "total_rss"));
        put(usage, "mem_anon_bytes", stat.get(unified ? "anon" : "total_rss"));
        put(usage, "mem_cache_bytes", stat.get(unified ? "file" : "total_cache"));
        put(usage, "mem_file_bytes", stat.get(unified ? "file" : "total_cache"));
        put(usage, "mem_mapped_file_bytes", stat.get(unified ? "file_mapped" : "total_mapped_file"));
        put(usage, "mem_swap_bytes", stat.get(unified ? null : "total_swap"));
        long hard = readLimit(cgroup.resolve(unified ? "memory.max" : "memory.limit_in_bytes"));
        if (hard >= 0) {
            usage.put("mem_limit_bytes", (double) hard);
        }
        long soft = readLimit(cgroup.resolve(unified ? "memory.low" : "memory.soft_limit_in_bytes"));
        if (soft >= 0) {
            usage.put("mem_soft_limit_bytes", (double) soft);
        }
        return usage;
    }

    private static void put(Map<String, Double> usage, String name, Long value) {
        if (value != null) {
            usage.put(name, value.doubleValue());
        }
    }

    /** Mesos' calculateOOMScoreAdj: the smaller the request against the host, the likelier the kill. */
    static int oomScoreAdj(ContainerConfig container, long hostMemoryBytes) {
        long request = (long) (container.request("mem") * MB);
        long adj = 1000 - (1000 * Math.min(request, hostMemoryBytes)) / Math.max(hostMemoryBytes, 1);
        return (int) Math.max(-1000, Math.min(1000, adj));
    }
}
