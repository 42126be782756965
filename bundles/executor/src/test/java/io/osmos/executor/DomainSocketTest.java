package io.osmos.executor;

import static io.osmos.executor.CommandExecutorTest.expect;
import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import io.osmos.proto.v1.TaskState;

/** With MESOS_DOMAIN_SOCKET the executor talks to the agent over that socket, on the prefixed path. */
public class DomainSocketTest {

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    @Rule public final Timeout timeout = Timeout.seconds(60);

    @Test
    public void subscribesAndReportsOverTheUnixSocket() throws Exception {
        // Short path: Unix socket paths are limited to 108 bytes.
        Path socket = Files.createTempDirectory("osmos").resolve("agent.sock");
        try (FakeAgent agent = new FakeAgent(Events.subscribed(true)).autoAcknowledge(true);
             UnixSocketProxy proxy = new UnixSocketProxy(socket, agent.port());
             ExecutorRun run = new ExecutorRun(agent, folder.getRoot().toPath())
                     .with("MESOS_DOMAIN_SOCKET", socket.toString())
                     .with("MESOS_AGENT_ENDPOINT", "127.0.0.1:1")) {
            run.start();
            FakeAgent.Received subscribe = agent.nextSubscribe(10);
            assertEquals("/slave(1)/api/v1/executor", subscribe.path);
            agent.send(Events.launch(Events.shellTask("t1", "echo hello")));
            expect(agent, TaskState.TASK_STARTING, "t1");
            expect(agent, TaskState.TASK_RUNNING, "t1");
            expect(agent, TaskState.TASK_FINISHED, "t1");
            assertEquals(0, run.awaitExit(10));
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }
}
