package io.osmos.agent.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bind mounts, made and removed with util-linux' {@code mount --bind} and {@code umount} (the
 * mount(2) system call with MS_BIND, and umount2(2)); listed from {@code /proc/self/mountinfo}.
 * They need root (CAP_SYS_ADMIN); a caller that gets an {@link IOException} falls back to something
 * else. The programs are parameters so that tests can make every mount fail.
 */
final class Mounts {

    private static final long TIMEOUT_SECONDS = 10;
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private final String mount;
    private final String umount;

    Mounts() {
        this("mount", "umount");
    }

    Mounts(String mount, String umount) {
        this.mount = mount;
        this.umount = umount;
    }

    /** Makes {@code source} visible at {@code target}, an existing directory. */
    void bind(Path source, Path target) throws IOException {
        run(List.of(mount, "--bind", source.toString(), target.toString()));
    }

    /** Unmounts {@code target}; if it is busy, detaches it lazily (MNT_DETACH), as Mesos does on cleanup. */
    void unmount(Path target) throws IOException {
        try {
            run(List.of(umount, target.toString()));
        } catch (IOException busy) {
            run(List.of(umount, "-l", target.toString()));
        }
    }

    /** The mount points strictly below {@code root} (compared by real path), deepest first. */
    static List<Path> under(Path root) throws IOException {
        Path real = Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (Path point : points()) {
            if (point.startsWith(real) && !point.equals(real)) {
                found.add(point);
            }
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    static boolean isMountPoint(Path path) throws IOException {
        return Files.exists(path) && points().contains(path.toRealPath());
    }

    /** Every mount point of this process' mount namespace; none where there is no /proc. */
    private static List<Path> points() throws IOException {
        List<Path> points = new ArrayList<>();
        if (!Files.isReadable(MOUNTINFO)) {
            return points;
        }
        for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                points.add(Path.of(unescape(fields[4])));
            }
        }
        return points;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /** Runs a short command; its output (a line or two, well within a pipe's buffer) is read once it ended. */
    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while running " + String.join(" ", command), e);
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")"
                    + (output.isEmpty() ? "" : ": " + output));
        }
    }
}
