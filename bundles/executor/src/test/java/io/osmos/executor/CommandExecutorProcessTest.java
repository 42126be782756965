package io.osmos.executor;

import static io.osmos.executor.CommandExecutorTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import io.osmos.proto.v1.TaskState;

/** The executor as the agent runs it: a separate JVM with the recommended options. */
public class CommandExecutorProcessTest {

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    @Rule public final Timeout timeout = Timeout.seconds(60);

    private Process executor;

    @After
    public void stop() {
        if (executor != null) {
            executor.destroyForcibly();
        }
    }

    private String sandboxFile(String name) throws Exception {
        return Files.readString(folder.getRoot().toPath().resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    public void runsATaskAndExitsZeroAfterTheAcknowledgements() throws Exception {
        Path sandbox = folder.getRoot().toPath();
        try (FakeAgent agent = new FakeAgent(Events.subscribed(true)).autoAcknowledge(true)) {
            executor = ExecutorJvm.start(ExecutorJvm.environment(agent.endpoint(), sandbox), sandbox, true);
            agent.nextSubscribe(20);
            agent.send(Events.launch(Events.shellTask("t1", "echo hello")));
            expect(agent, TaskState.TASK_STARTING, "t1");
            expect(agent, TaskState.TASK_RUNNING, "t1");
            assertEquals("Command exited with status 0", expect(agent, TaskState.TASK_FINISHED, "t1").getStatus().getMessage());
            assertTrue("executor still running", executor.waitFor(10, TimeUnit.SECONDS));
            assertEquals(sandboxFile("stderr"), 0, executor.exitValue());
            assertEquals("hello\n", sandboxFile("stdout"));
        }
    }

    @Test
    public void terminatingTheExecutorJvmTakesTheTaskTreeWithIt() throws Exception {
        Path sandbox = folder.getRoot().toPath();
        try (FakeAgent agent = new FakeAgent(Events.subscribed(true)).autoAcknowledge(true)) {
            executor = ExecutorJvm.start(ExecutorJvm.environment(agent.endpoint(), sandbox), sandbox, true);
            agent.nextSubscribe(20);
            agent.send(Events.launch(Events.shellTask("t1", "sleep 1000 & sleep 1000; wait")));
            expect(agent, TaskState.TASK_STARTING, "t1");
            expect(agent, TaskState.TASK_RUNNING, "t1");
            List<ProcessHandle> tree = List.of();
            for (int i = 0; i < 500 && tree.size() < 3; i++) {
                Thread.sleep(20);
                tree = executor.toHandle().descendants().collect(Collectors.toList());
            }
            assertEquals(tree.toString(), 3, tree.size());
            executor.destroy();
            assertTrue(executor.waitFor(10, TimeUnit.SECONDS));
            assertEquals(List.of(), ExecutorRun.running(tree));
        }
    }

    @Test
    public void missingEnvironmentIsReportedAndExitsOne() throws Exception {
        Path sandbox = folder.getRoot().toPath();
        Map<String, String> env = ExecutorJvm.environment("127.0.0.1:1", sandbox);
        env.remove("MESOS_EXECUTOR_ID");
        executor = ExecutorJvm.start(env, sandbox, true);
        assertTrue(executor.waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, executor.exitValue());
        assertTrue(sandboxFile("stderr"), sandboxFile("stderr").contains("MESOS_EXECUTOR_ID"));
    }
}
