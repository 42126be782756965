package io.osmos.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import io.osmos.proto.v1.TaskState;

/** The default executor as the agent runs it: a separate JVM with the recommended options. */
public class DefaultExecutorProcessTest {

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    @Rule public final Timeout timeout = Timeout.seconds(60);

    private Process executor;

    @After
    public void stop() {
        if (executor != null) {
            executor.destroyForcibly();
        }
    }

    @Test
    public void runsATaskGroupAndExitsZeroAfterTheAcknowledgements() throws Exception {
        Path sandbox = folder.getRoot().toPath().toAbsolutePath();
        try (FakeAgent agent = new FakeAgent(Events.subscribedInContainer(true)).autoAcknowledge(true)
                .serveContainers(new FakeContainers(sandbox))) {
            executor = ExecutorJvm.start(DefaultExecutor.class, ExecutorJvm.environment(agent.endpoint(), sandbox),
                    sandbox, ExecutorJvm.recommendedOptions());
            agent.nextSubscribe(20);
            agent.send(Events.launchGroup(Events.shellTask("t1", "echo one"), Events.shellTask("t2", "echo two")));
            TaskUpdates updates = new TaskUpdates(agent);
            updates.await("t1", TaskState.TASK_FINISHED, 20);
            updates.await("t2", TaskState.TASK_FINISHED, 20);
            assertTrue("executor still running", executor.waitFor(10, TimeUnit.SECONDS));
            String stderr = Files.readString(sandbox.resolve("stderr"), StandardCharsets.UTF_8);
            assertEquals(stderr, 0, executor.exitValue());
            assertEquals("two\n", Files.readString(sandbox.resolve("tasks/t2/stdout"), StandardCharsets.UTF_8));
        }
    }
}
