package io.osmos.isolator.cgroups.cpu;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.isolator.cgroups.common.Hierarchy;

/**
 * Mesos' CPU mapping (reference §1.4) onto cgroup files: shares from the request, a CFS quota from
 * the limit (or from the request when CFS is enabled), on v1 ({@code cpu.shares},
 * {@code cpu.cfs_quota_us}) or v2 ({@code cpu.weight}, {@code cpu.max}).
 */
final class CpuControl {

    static final long SHARES_PER_CPU = 1024;
    static final long MIN_SHARES = 2;
    static final long PERIOD_US = 100_000;
    static final long MIN_QUOTA_US = 1_000;

    private CpuControl() {
    }

    static long shares(ContainerConfig container) {
        return Math.max((long) (SHARES_PER_CPU * container.request("cpus")), MIN_SHARES);
    }

    /** The v2 weight for v1 shares (the conversion runc and the kubelet use). */
    static long weight(long shares) {
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /** The CFS quota in µs, -1 for none; empty when no quota is to be written. */
    static Optional<Long> quota(ContainerConfig container, boolean enableCfs) {
        Optional<Double> limit = container.limit("cpus");
        if (limit.isEmpty() && !enableCfs) {
            return Optional.empty();
        }
        double cpus = limit.orElse(container.request("cpus"));
        return Optional.of(Double.isInfinite(cpus) ? -1 : Math.max((long) (PERIOD_US * cpus), MIN_QUOTA_US));
    }

    static void apply(Path cgroup, ContainerConfig container, boolean unified, boolean enableCfs) {
        long shares = shares(container);
        Optional<Long> quota = quota(container, enableCfs);
        if (unified) {
            Hierarchy.write(cgroup.resolve("cpu.weight"), Long.toString(weight(shares)));
            Hierarchy.write(cgroup.resolve("cpu.max"), (quota.orElse(-1L) < 0 ? "max" : quota.get()) + " " + PERIOD_US);
            return;
        }
        Hierarchy.write(cgroup.resolve("cpu.shares"), Long.toString(shares));
        if (quota.isPresent()) {
            Hierarchy.write(cgroup.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
            Hierarchy.write(cgroup.resolve("cpu.cfs_quota_us"), Long.toString(quota.get()));
        } else {
            Hierarchy.write(cgroup.resolve("cpu.cfs_quota_us"), "-1");
        }
    }

    /** Usage by ResourceStatistics field names, from the cpu (and v1 cpuacct) cgroups. */
    static Map<String, Double> usage(Path cpu, Path cpuacct, ContainerConfig container, boolean unified) {
        Map<String, Double> usage = new LinkedHashMap<>();
        Map<String, Long> stat = Hierarchy.counters(Hierarchy.read(cpu.resolve("cpu.stat")).orElse(""));
        if (unified) {
            putSeconds(usage, "cpus_user_time_secs", stat.get("user_usec"), 1e6);
            putSeconds(usage, "cpus_system_time_secs", stat.get("system_usec"), 1e6);
            putSeconds(usage, "cpus_throttled_time_secs", stat.get("throttled_usec"), 1e6);
            String[] max = Hierarchy.read(cpu.resolve("cpu.max")).orElse("max 100000").split(" ");
            usage.put("cpus_limit", max[0].equals("max") ? container.request("cpus")
                    : Double.parseDouble(max[0]) / Double.parseDouble(max[1]));
        } else {
            Optional<String> user = Hierarchy.read(cpuacct.resolve("cpuacct.usage_user"));
            if (user.isPresent()) {
                putSeconds(usage, "cpus_user_time_secs", Long.parseLong(user.get()), 1e9);
                putSeconds(usage, "cpus_system_time_secs",
                        Long.parseLong(Hierarchy.read(cpuacct.resolve("cpuacct.usage_sys")).orElse("0")), 1e9);
            } else {
                Map<String, Long> ticks = Hierarchy.counters(Hierarchy.read(cpuacct.resolve("cpuacct.stat")).orElse(""));
                putSeconds(usage, "cpus_user_time_secs", ticks.get("user"), 100);
                putSeconds(usage, "cpus_system_time_secs", ticks.get("system"), 100);
            }
            putSeconds(usage, "cpus_throttled_time_secs", stat.get("throttled_time"), 1e9);
            long quota = Long.parseLong(Hierarchy.read(cpu.resolve("cpu.cfs_quota_us")).orElse("-1"));
            long period = Long.parseLong(Hierarchy.read(cpu.resolve("cpu.cfs_period_us")).orElse("100000"));
            usage.put("cpus_limit", quota > 0 ? (double) quota / period : container.request("cpus"));
        }
        usage.put("cpus_soft_limit", container.request("cpus"));
        if (stat.containsKey("nr_periods")) {
            usage.put("cpus_nr_periods", stat.get("nr_periods").doubleValue());
        }
        if (stat.containsKey("nr_throttled")) {
            usage.put("cpus_nr_throttled", stat.get("nr_throttled").doubleValue());
        }
        return usage;
    }

    private static void putSeconds(Map<String, Double> usage, String name, Long value, double perSecond) {
        if (value != null) {
            usage.put(name, value / perSecond);
        }
    }

    /** The request a cgroup's shares (or weight) stand for, read back after a take-over. */
    static double sharesToCpus(Path cgroup, boolean unified) {
        if (unified) {
            long weight = Long.parseLong(Hierarchy.read(cgroup.resolve("cpu.weight")).orElse("100"));
            return (2 + (weight - 1) * 262142.0 / 9999) / SHARES_PER_CPU;
        }
        return Long.parseLong(Hierarchy.read(cgroup.resolve("cpu.shares")).orElse("1024")) / (double) SHARES_PER_CPU;
    }
}
