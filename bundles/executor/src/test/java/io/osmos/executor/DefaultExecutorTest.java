package io.osmos.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.agent.Call;

/** The default executor run in this JVM against a fake agent whose nested containers are real processes. */
public class DefaultExecutorTest {

    private static final String SLEEP = "sleep 30";
    private static final String IGNORES_SIGTERM = "trap '' TERM; while :; do sleep 0.1; done";

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    @Rule public final Timeout timeout = Timeout.seconds(60);

    private FakeAgent agent;
    private FakeContainers containers;
    private ExecutorRun run;
    private TaskUpdates updates;
    /** Task id → the container the executor launched it in, from LAUNCH_CONTAINER. */
    private final Map<String, Call.LaunchContainer> launched = new HashMap<>();

    @Before
    public void startAgent() throws Exception {
        containers = new FakeContainers(sandbox());
        agent = new FakeAgent(Events.subscribedInContainer(true)).serveContainers(containers).autoAcknowledge(true);
        updates = new TaskUpdates(agent);
    }

    @After
    public void stop() {
        if (run != null) {
            run.close();
        }
        agent.close();
    }

    private Path sandbox() {
        return folder.getRoot().toPath().toAbsolutePath();
    }

    private void startExecutor() throws Exception {
        run = new ExecutorRun(agent, sandbox()).startDefaultExecutor();
        agent.nextSubscribe(10);
    }

    /** Launches the group and checks each LAUNCH_CONTAINER the executor makes for it. */
    private void launch(TaskInfo... tasks) throws Exception {
        agent.send(Events.launchGroup(tasks));
        for (int i = 0; i < tasks.length; i++) {
            FakeContainers.Received received = containers.nextCall(Call.Type.LAUNCH_CONTAINER, 10);
            assertEquals(AgentHttp.PROTOBUF, received.contentType);
            assertEquals(AgentHttp.PROTOBUF, received.accept);
            Call.LaunchContainer launch = received.call.getLaunchContainer();
            assertEquals(Events.EXECUTOR_CONTAINER, launch.getContainerId().getParent().getValue());
            assertEquals(36, launch.getContainerId().getValue().length());
            TaskInfo task = List.of(tasks).stream().filter(t -> t.getCommand().equals(launch.getCommand()))
                    .findFirst().orElseThrow(() -> new AssertionError("unexpected launch " + launch));
            assertEquals(task.getResourcesList(), launch.getResourcesList());
            assertEquals(task.getLimitsMap(), launch.getLimitsMap());
            launched.put(task.getTaskId().getValue(), launch);
        }
    }

    private String containerOf(String taskId) {
        return launched.get(taskId).getContainerId().getValue();
    }

    private void awaitRunning(String... taskIds) throws Exception {
        for (String id : taskIds) {
            updates.await(id, TaskState.TASK_RUNNING, 10);
            assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING), updates.states(id));
        }
    }

    private static TaskInfo withLimits(TaskInfo task) {
        Resource cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(0.1)).build();
        return task.toBuilder().addResources(cpus)
                .putLimits("mem", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build()).build();
    }

    @Test
    public void aGroupOfTwoFinishesAndTheExecutorExitsAfterTheAcknowledgements() throws Exception {
        startExecutor();
        launch(withLimits(Events.shellTask("t1", "echo one")), Events.shellTask("t2", "echo two"));
        for (String id : List.of("t1", "t2")) {
            TaskStatus finished = updates.await(id, TaskState.TASK_FINISHED, 10);
            assertEquals("Command exited with status 0", finished.getMessage());
            assertEquals(launched.get(id).getContainerId(), finished.getContainerStatus().getContainerId());
            assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED),
                    updates.states(id));
        }
        assertEquals(0, run.awaitExit(10));
        Path link = sandbox().resolve("tasks").resolve("t1");
        assertEquals(Path.of("..", "containers", containerOf("t1")), Files.readSymbolicLink(link));
        assertEquals("one\n", Files.readString(link.resolve("stdout"), StandardCharsets.UTF_8));
        assertEquals("two\n", Files.readString(sandbox().resolve("tasks/t2/stdout"), StandardCharsets.UTF_8));
    }

    @Test
    public void aFailedTaskTakesItsSiblingWithIt() throws Exception {
        startExecutor();
        launch(Events.shellTask("t1", "exit 3"), Events.shellTask("t2", SLEEP));
        TaskStatus failed = updates.await("t1", TaskState.TASK_FAILED, 10);
        assertEquals("Command exited with status 3", failed.getMessage());
        Call.KillContainer kill = containers.nextCall(Call.Type.KILL_CONTAINER, 10).call.getKillContainer();
        assertEquals(containerOf("t2"), kill.getContainerId().getValue());
        assertEquals(15, kill.getSignal());
        TaskStatus killed = updates.await("t2", TaskState.TASK_KILLED, 10);
        assertEquals("Command terminated with signal Terminated", killed.getMessage());
        assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
                TaskState.TASK_KILLED), updates.states("t2"));
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void aKilledTaskEndsKilledWithinItsGraceAndOtherGroupsKeepRunningUntilShutdown() throws Exception {
        startExecutor();
        launch(Events.shellTask("a1", IGNORES_SIGTERM), Events.shellTask("a2", SLEEP));
        launch(Events.shellTask("b1", SLEEP));
        awaitRunning("a1", "a2", "b1");

        agent.send(Events.kill("unknown-task", null));
        long killedAt = System.nanoTime();
        agent.send(Events.kill("a1", 1000L));
        Call.KillContainer term = containers.nextCall(Call.Type.KILL_CONTAINER, 10).call.getKillContainer();
        assertEquals(containerOf("a1"), term.getContainerId().getValue());
        assertEquals(15, term.getSignal());
        Call.KillContainer kill = containers.nextCall(Call.Type.KILL_CONTAINER, 10).call.getKillContainer();
        assertEquals(containerOf("a1"), kill.getContainerId().getValue());
        assertEquals(9, kill.getSignal());
        TaskStatus killed = updates.await("a1", TaskState.TASK_KILLED, 10);
        long millis = (System.nanoTime() - killedAt) / 1_000_000L;
        assertTrue("killed after " + millis + " ms", millis >= 900 && millis < 4000);
        assertEquals("Command terminated with signal Killed", killed.getMessage());
        updates.await("a2", TaskState.TASK_KILLED, 10);

        updates.drain(500);
        assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING), updates.states("b1"));
        assertEquals(List.of(), updates.states("unknown-task"));
        agent.send(Events.of(io.osmos.proto.v1.executor.Event.Type.SHUTDOWN));
        updates.await("b1", TaskState.TASK_KILLED, 10);
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void aMemoryLimitationFailsTheTaskWithTheAgentsReason() throws Exception {
        String hungry = "sleep 30 # eats memory";
        containers.exceedMemoryLimitWith(hungry);
        startExecutor();
        launch(Events.shellTask("t1", hungry));
        TaskStatus failed = updates.await("t1", TaskState.TASK_FAILED, 10);
        assertEquals(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY, failed.getReason());
        assertEquals("Command terminated with signal Killed: " + FakeContainers.MEMORY_LIMIT_MESSAGE, failed.getMessage());
        assertTrue(failed.hasLimitation());
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void aRejectedLaunchFailsThatTaskAndKillsTheRestOfTheGroup() throws Exception {
        containers.rejectLaunchOf("bad");
        startExecutor();
        launch(Events.shellTask("t1", "bad"), Events.shellTask("t2", SLEEP));
        TaskStatus failed = updates.await("t1", TaskState.TASK_FAILED, 10);
        assertEquals("Failed to launch container: bad command", failed.getMessage());
        assertEquals(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, failed.getReason());
        assertFalse(Files.exists(sandbox().resolve("tasks/t1"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        updates.await("t2", TaskState.TASK_KILLED, 10);
        assertEquals(List.of(TaskState.TASK_KILLED), updates.states("t2"));
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void callsMadeWhileTheAgentBundleIsAwayAreMadeAgain() throws Exception {
        containers.awayFor(1, 1);
        startExecutor();
        launch(Events.shellTask("t1", "sleep 1"));
        Call.LaunchContainer again = containers.nextCall(Call.Type.LAUNCH_CONTAINER, 10).call.getLaunchContainer();
        assertEquals("launched again with the same container id", containerOf("t1"), again.getContainerId().getValue());
        assertEquals("Command exited with status 0", updates.await("t1", TaskState.TASK_FINISHED, 15).getMessage());
        assertFalse(updates.states("t1").contains(TaskState.TASK_FAILED));
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void aLostWaitIsMadeAgain() throws Exception {
        containers.dropWaits(1);
        startExecutor();
        launch(Events.shellTask("t1", "sleep 1"));
        Call.WaitContainer first = containers.nextCall(Call.Type.WAIT_CONTAINER, 10).call.getWaitContainer();
        Call.WaitContainer second = containers.nextCall(Call.Type.WAIT_CONTAINER, 10).call.getWaitContainer();
        assertEquals(containerOf("t1"), first.getContainerId().getValue());
        assertEquals(first, second);
        assertEquals("Command exited with status 0", updates.await("t1", TaskState.TASK_FINISHED, 10).getMessage());
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void launchesOverTheUnixSocketOnTheAgentApiPath() throws Exception {
        Path socket = Files.createTempDirectory("osmos").resolve("agent.sock");
        try (UnixSocketProxy proxy = new UnixSocketProxy(socket, agent.port())) {
            run = new ExecutorRun(agent, sandbox()).with("MESOS_DOMAIN_SOCKET", socket.toString())
                    .with("MESOS_AGENT_ENDPOINT", "127.0.0.1:1").startDefaultExecutor();
            assertEquals("/slave(1)/api/v1/executor", agent.nextSubscribe(10).path);
            // FakeContainers only gets calls made to /slave(1)/api/v1.
            launch(Events.shellTask("t1", "echo hi"));
            updates.await("t1", TaskState.TASK_FINISHED, 10);
            assertEquals(0, run.awaitExit(10));
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }

    @Test
    public void shutdownWithoutTasksExitsAtOnce() throws Exception {
        startExecutor();
        agent.send(Events.of(io.osmos.proto.v1.executor.Event.Type.SHUTDOWN));
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void unusableEnvironmentExitsOne() throws Exception {
        Map<String, String> env = ExecutorJvm.environment(agent.endpoint(), sandbox());
        env.remove("MESOS_FRAMEWORK_ID");
        int[] code = {-1};
        assertEquals(null, DefaultExecutor.start(env, c -> code[0] = c));
        assertEquals(1, code[0]);
    }
}
