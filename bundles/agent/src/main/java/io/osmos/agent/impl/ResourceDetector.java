package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * The agent's total resources: what the operator configured, completed with what the host has
 * for the standard names the operator left out (cpus, mem, disk, ports), sized as Mesos does:
 * memory and disk keep a margin for the host itself.
 */
final class ResourceDetector {

    static final long MB = 1024L * 1024;
    private static final double GB_IN_MB = 1024;

    private ResourceDetector() {
    }

    static List<Resource> resources(String configured, Path workDir) {
        List<Resource> resources = new ArrayList<>(Resources.parse(configured).toList());
        Set<String> named = resources.stream().map(Resource::getName).collect(Collectors.toSet());
        if (!named.contains("cpus")) {
            resources.add(scalar("cpus", Runtime.getRuntime().availableProcessors()));
        }
        if (!named.contains("mem")) {
            resources.add(scalar("mem", withMargin(totalMemoryMb(), GB_IN_MB, 2 * GB_IN_MB)));
        }
        if (!named.contains("disk")) {
            resources.add(scalar("disk", withMargin(totalDiskMb(workDir), 5 * GB_IN_MB, 10 * GB_IN_MB)));
        }
        if (!named.contains("ports")) {
            resources.add(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                    .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000)))
                    .build());
        }
        return resources;
    }

    /** Leaves {@code margin} for the host when the total reaches {@code threshold}, else half. */
    static double withMargin(double totalMb, double margin, double threshold) {
        return Math.floor(totalMb >= threshold ? totalMb - margin : totalMb / 2);
    }

    static double totalMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String kb = line.substring("MemTotal:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux or unreadable: fall back to what the JVM may use.
        }
        return Runtime.getRuntime().maxMemory() / (double) MB;
    }

    static double totalDiskMb(Path workDir) {
        try {
            Path existing = workDir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? 0 : Files.getFileStore(existing).getTotalSpace() / (double) MB;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    /** This host's name, or {@code fallback} when it cannot be resolved. */
    static String localHostname(String fallback) {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return fallback;
        }
    }
}
