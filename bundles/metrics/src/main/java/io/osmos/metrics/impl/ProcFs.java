package io.osmos.metrics.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host figures Mesos reports under {@code system/}, read from Linux's /proc and /sys below a
 * root directory (the real root, or a fake tree in tests). Every read goes to the file again.
 */
final class ProcFs {

    private final Path root;

    ProcFs(Path root) {
        this.root = root;
    }

    /** CPUs online, as sysconf(_SC_NPROCESSORS_ONLN) counts them: the ranges in {@code cpu/online}. */
    int onlineCpus() {
        String online = read("sys/devices/system/cpu/online").trim();
        int cpus = 0;
        for (String range : online.split(",")) {
            String[] bounds = range.trim().split("-");
            int first = Integer.parseInt(bounds[0]);
            int last = bounds.length > 1 ? Integer.parseInt(bounds[1]) : first;
            cpus += last - first + 1;
        }
        return cpus;
    }

    /** The load average over 1, 5 or 15 minutes: fields 0, 1 and 2 of {@code /proc/loadavg}. */
    double loadAverage(int field) {
        return Double.parseDouble(read("proc/loadavg").trim().split("\\s+")[field]);
    }

    /** A {@code /proc/meminfo} entry in bytes, such as {@code MemTotal} or {@code MemFree}. */
    long meminfoBytes(String key) {
        for (String line : lines("proc/meminfo")) {
            if (line.startsWith(key + ":")) {
                String[] fields = line.substring(key.length() + 1).trim().split("\\s+");
                long value = Long.parseLong(fields[0]);
                return fields.length > 1 && fields[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        throw new IllegalStateException("No " + key + " in " + root.resolve("proc/meminfo"));
    }

    private String read(String file) {
        try {
            return Files.readString(root.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lines(String file) {
        return read(file).lines().toList();
    }
}
