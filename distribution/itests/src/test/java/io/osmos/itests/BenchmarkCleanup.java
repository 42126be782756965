package io.osmos.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a test or benchmark that stops its agent for good must clean up itself: executors of
 * checkpointing frameworks wait for their agent (15 min) by design, and their cgroups stay until an
 * agent on the same root removes them.
 */
final class BenchmarkCleanup {

    private BenchmarkCleanup() {
    }

    /** Kills every process whose working directory is under {@code dir} (executors and tasks in sandboxes). */
    static void endProcessesUnder(Path dir) throws InterruptedException {
        ProcessHandle.allProcesses().filter(p -> cwdUnder(p, dir)).forEach(ProcessHandle::destroyForcibly);
        Thread.sleep(500);
    }

    /** Removes the cgroups below {@code root} in the cpu, memory and cpuacct hierarchies, deepest first. */
    static void removeCgroups(String root) throws IOException {
        for (String hierarchy : List.of("cpu", "memory", "cpuacct")) {
            Path top = Path.of("/sys/fs/cgroup", hierarchy, root);
            if (Files.isDirectory(top)) {
                try (Stream<Path> dirs = Files.walk(top)) {
                    dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(BenchmarkCleanup::remove);
                }
            }
        }
    }

    private static void remove(Path cgroup) {
        try {
            Files.delete(cgroup);
        } catch (IOException e) {
            // Still in use, or gone: the next agent on this root cleans it up as an orphan.
        }
    }

    private static boolean cwdUnder(ProcessHandle process, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).startsWith(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
