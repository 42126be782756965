package io.osmos.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Terminates a process and all its descendants so that none of them survives. */
final class ProcessTrees {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTrees.class);
    private static final long POLL_MILLIS = 20;
    private static final Duration REAP_WAIT = Duration.ofSeconds(5);

    private ProcessTrees() {
    }

    /**
     * Sends SIGTERM to the tree, waits up to the grace period for it to go, then SIGKILLs what is
     * left. Blocks until the whole tree is gone (or, after SIGKILL, a few seconds at most).
     *
     * @return true if every process of the tree is gone
     */
    static boolean kill(ProcessHandle root, Duration gracePeriod) throws InterruptedException {
        // Collected before signalling: once a parent dies its children are re-parented and can no
        // longer be found from the root.
        Set<ProcessHandle> tree = collect(Set.of(root));
        LOG.info("Sending SIGTERM to process tree {} (grace period {} ms)", pids(tree), gracePeriod.toMillis());
        tree.forEach(ProcessHandle::destroy);
        if (awaitGone(tree, gracePeriod)) {
            return true;
        }
        tree = collect(tree);
        Set<ProcessHandle> left = tree.stream().filter(ProcessTrees::isRunning).collect(Collectors.toSet());
        LOG.info("Grace period over: sending SIGKILL to {}", pids(left));
        left.forEach(ProcessHandle::destroyForcibly);
        boolean gone = awaitGone(tree, REAP_WAIT);
        if (!gone) {
            LOG.error("Processes {} survived SIGKILL", pids(tree.stream().filter(ProcessTrees::isRunning)
                    .collect(Collectors.toSet())));
        }
        return gone;
    }

    /** Immediate SIGKILL of the whole tree, for when there is no time left (JVM shutdown). */
    static void killNow(ProcessHandle root) {
        collect(Set.of(root)).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * True while the process runs. A zombie is dead even though {@link ProcessHandle#isAlive()}
     * says otherwise: orphans are reaped by whoever adopted them, which may be late or never.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"),
                    StandardCharsets.ISO_8859_1);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    private static Set<ProcessHandle> collect(Set<ProcessHandle> roots) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(roots);
        for (ProcessHandle root : roots) {
            if (root.isAlive()) {
                root.descendants().forEach(tree::add);
            }
        }
        return tree;
    }

    private static boolean awaitGone(Set<ProcessHandle> tree, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (tree.stream().noneMatch(ProcessTrees::isRunning)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static String pids(Set<ProcessHandle> processes) {
        return processes.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(",", "[", "]"));
    }
}
