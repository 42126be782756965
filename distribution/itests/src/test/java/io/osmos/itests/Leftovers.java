package io.osmos.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Processes a test looks for, and what a test or benchmark that stops its agent for good must clean
 * up itself: executors of checkpointing frameworks wait for their agent (15 min) by design, and their
 * cgroups stay until an agent on the same root removes them.
 */
final class Leftovers {

    private Leftovers() {
    }

    /** Processes whose working directory is under {@code dir}: executors and tasks in their sandboxes. */
    static List<ProcessHandle> runningIn(Path dir) {
        return ProcessHandle.allProcesses().filter(p -> cwdUnder(p, dir)).toList();
    }

    /** Kills every process whose working directory is under {@code dir} (executors and tasks in sandboxes). */
    static void endProcessesUnder(Path dir) throws InterruptedException {
        runningIn(dir).forEach(ProcessHandle::destroyForcibly);
        Thread.sleep(500);
    }

    /** The pids of the {@code sleep} processes whose command line contains {@code command}. */
    static Set<Long> sleepPids(String command) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(command)
                && p.info().command().orElse("").endsWith("sleep")).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Removes the cgroups below {@code root} in the cpu, memory and cpuacct hierarchies, deepest first. */
    /**
     * After a test with a master and an agent as separate processes: tears the framework down (its
     * tasks, marked by {@code marker} in their command, are given 20 s to end), stops the processes,
     * then ends whatever is left: checkpointing executors would otherwise wait for their agent, by design.
     */
    static void endSeparateProcesses(TestScheduler scheduler, String marker, Path workDir, String cgroupsRoot,
            OsmosProcess... processes) throws Exception {
        try {
            if (scheduler != null && scheduler.frameworkId() != null) {
                scheduler.send(io.osmos.proto.v1.scheduler.Call.newBuilder()
                        .setType(io.osmos.proto.v1.scheduler.Call.Type.TEARDOWN));
                long deadline = System.currentTimeMillis() + 20_000;
                while (!sleepPids("sleep " + marker).isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                scheduler.close();
            }
        } finally {
            for (OsmosProcess process : processes) {
                if (process != null) {
                    process.close();
                }
            }
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                    .forEach(ProcessHandle::destroyForcibly);
            if (workDir != null) {
                endProcessesUnder(workDir);
            }
            removeCgroups(cgroupsRoot);
        }
    }

    static void removeCgroups(String root) throws IOException {
        for (String hierarchy : List.of("cpu", "memory", "cpuacct")) {
            Path top = Path.of("/sys/fs/cgroup", hierarchy, root);
            if (Files.isDirectory(top)) {
                try (Stream<Path> dirs = Files.walk(top)) {
                    dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(Leftovers::remove);
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
