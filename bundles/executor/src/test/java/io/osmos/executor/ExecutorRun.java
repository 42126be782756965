package io.osmos.executor;

import static org.junit.Assert.assertNotNull;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** A command executor (or a default executor) run in the test JVM against a {@link FakeAgent}. */
final class ExecutorRun implements Closeable {

    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final Map<String, String> env;
    private CommandExecutor executor;
    private final Path sandbox;

    ExecutorRun(FakeAgent agent, Path sandbox) {
        this.sandbox = sandbox.toAbsolutePath();
        env = new HashMap<>();
        env.put("MESOS_FRAMEWORK_ID", Events.FRAMEWORK);
        env.put("MESOS_EXECUTOR_ID", Events.EXECUTOR);
        env.put("MESOS_AGENT_ENDPOINT", agent.endpoint());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_CHECKPOINT", "0");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "3secs");
    }

    ExecutorRun with(String name, String value) {
        env.put(name, value);
        return this;
    }

    ExecutorRun start() {
        executor = CommandExecutor.start(env, exit::complete);
        assertNotNull("executor did not start", executor);
        return this;
    }

    ExecutorRun startDefaultExecutor() {
        assertNotNull("executor did not start", DefaultExecutor.start(env, exit::complete));
        return this;
    }

    int awaitExit(long seconds) throws Exception {
        try {
            return exit.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Executor did not exit within " + seconds + " s");
        }
    }

    /** The task's process and all its descendants, as of now. */
    List<ProcessHandle> taskTree() {
        Long pid = executor.taskPid();
        assertNotNull("no task process", pid);
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> tree = root.descendants().collect(Collectors.toList());
        tree.add(0, root);
        return tree;
    }

    static List<ProcessHandle> running(List<ProcessHandle> tree) {
        return tree.stream().filter(ProcessTrees::isRunning).collect(Collectors.toList());
    }

    /**
     * Leaves no process behind even when a test fails half-way, or the executor ended without
     * killing its task (an in-process run has no JVM exit to do it): everything working in this
     * run's sandbox goes.
     */
    @Override
    public void close() {
        if (executor != null && executor.taskPid() != null) {
            ProcessHandle.of(executor.taskPid()).ifPresent(ProcessTrees::killNow);
        }
        ProcessHandle.allProcesses().filter(this::inSandbox).forEach(ProcessTrees::killNow);
    }

    private boolean inSandbox(ProcessHandle process) {
        try {
            return java.nio.file.Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd"))
                    .equals(sandbox);
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }
}
