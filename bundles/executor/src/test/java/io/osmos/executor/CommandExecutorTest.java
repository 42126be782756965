package io.osmos.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

/** The executor run in this JVM against a fake agent, running real task processes. */
public class CommandExecutorTest {

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    @Rule public final Timeout timeout = Timeout.seconds(60);

    private FakeAgent agent;
    private ExecutorRun run;

    @Before
    public void startAgent() throws Exception {
        agent = new FakeAgent(Events.subscribed(true));
    }

    @After
    public void stop() {
        if (run != null) {
            run.close();
        }
        agent.close();
    }

    private ExecutorRun executor() throws Exception {
        run = new ExecutorRun(agent, folder.getRoot().toPath());
        return run;
    }

    static Call.Update expect(FakeAgent agent, TaskState state, String taskId) throws Exception {
        Call.Update update = agent.nextUpdate(10);
        TaskStatus status = update.getStatus();
        assertEquals(status.toString(), state, status.getState());
        assertEquals(taskId, status.getTaskId().getValue());
        assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, status.getSource());
        assertEquals(Events.EXECUTOR, status.getExecutorId().getValue());
        assertEquals(Events.AGENT, status.getAgentId().getValue());
        assertEquals(16, status.getUuid().size());
        assertTrue(Math.abs(status.getTimestamp() - System.currentTimeMillis() / 1000.0) < 60);
        return update;
    }

    @Test
    public void subscribeCarriesTheExecutorAndFrameworkIds() throws Exception {
        executor().start();
        FakeAgent.Received subscribe = agent.nextSubscribe(10);
        assertEquals("/api/v1/executor", subscribe.path);
        assertEquals("application/x-protobuf", subscribe.contentType);
        assertEquals("application/x-protobuf", subscribe.accept);
        Call call = subscribe.call;
        assertEquals(Call.Type.SUBSCRIBE, call.getType());
        assertEquals(Events.EXECUTOR, call.getExecutorId().getValue());
        assertEquals(Events.FRAMEWORK, call.getFrameworkId().getValue());
        assertTrue(call.hasSubscribe());
        assertEquals(0, call.getSubscribe().getUnacknowledgedTasksCount());
        assertEquals(0, call.getSubscribe().getUnacknowledgedUpdatesCount());
    }

    @Test
    public void echoFinishesAndTheExecutorExitsAfterTheAcknowledgements() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "echo hello")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        Call.Update finished = expect(agent, TaskState.TASK_FINISHED, "t1");
        assertEquals("Command exited with status 0", finished.getStatus().getMessage());
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void nonZeroExitFailsTheTask() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "exit 3")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        Call.Update failed = expect(agent, TaskState.TASK_FAILED, "t1");
        assertEquals("Command exited with status 3", failed.getStatus().getMessage());
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void deathBySignalIsReportedAsSuch() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "kill -9 $$")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        Call.Update failed = expect(agent, TaskState.TASK_FAILED, "t1");
        assertEquals("Command terminated with signal 9", failed.getStatus().getMessage());
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void commandWithoutShellRunsValueWithArguments() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        CommandInfo command = CommandInfo.newBuilder().setShell(false).setValue("/bin/sh")
                .addArguments("sh").addArguments("-c").addArguments("exit 4").build();
        agent.send(Events.launch(Events.task("t1", command)));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        assertEquals("Command exited with status 4", expect(agent, TaskState.TASK_FAILED, "t1").getStatus().getMessage());
    }

    @Test
    public void taskRunsInTheSandboxWithItsEnvironment() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        CommandInfo command = Events.withVariable(CommandInfo.newBuilder()
                .setValue("echo \"$GREETING $MESOS_EXECUTOR_ID\" > out.txt; pwd >> out.txt").build(), "GREETING", "hi");
        agent.send(Events.launch(Events.task("t1", command)));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        expect(agent, TaskState.TASK_FINISHED, "t1");
        List<String> lines = Files.readAllLines(folder.getRoot().toPath().resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals("hi " + Events.EXECUTOR, lines.get(0));
        assertEquals(folder.getRoot().toPath().toRealPath().toString(), Path.of(lines.get(1)).toRealPath().toString());
    }

    @Test
    public void killTerminatesTheWholeProcessTree() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "sleep 1000 & sleep 1000; wait")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        List<ProcessHandle> tree = awaitTree(3);
        long start = System.nanoTime();
        agent.send(Events.kill("t1", 5000L));
        expect(agent, TaskState.TASK_KILLING, "t1");
        Call.Update killed = expect(agent, TaskState.TASK_KILLED, "t1");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("took " + millis + " ms", millis < 5000);
        assertTrue(killed.getStatus().getMessage(), killed.getStatus().getMessage().startsWith("Command "));
        assertEquals(List.of(), ExecutorRun.running(tree));
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void processesIgnoringSigtermAreKilledAfterTheGracePeriod() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "trap '' TERM; sleep 1000 & sleep 1000; wait")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        List<ProcessHandle> tree = awaitTree(3);
        long start = System.nanoTime();
        agent.send(Events.kill("t1", 700L));
        expect(agent, TaskState.TASK_KILLING, "t1");
        expect(agent, TaskState.TASK_KILLED, "t1");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("took " + millis + " ms", millis >= 700 && millis < 5000);
        assertEquals(List.of(), ExecutorRun.running(tree));
    }

    @Test
    public void withoutTaskKillingCapabilityNoKillingStateIsSent() throws Exception {
        agent.close();
        agent = new FakeAgent(Events.subscribed(false)).autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "sleep 1000")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        agent.send(Events.kill("t1", null));
        expect(agent, TaskState.TASK_KILLED, "t1");
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void aSecondTaskIsRejected() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "sleep 1000")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        agent.send(Events.launch(Events.shellTask("t2", "echo no")));
        Call.Update error = expect(agent, TaskState.TASK_ERROR, "t2");
        assertTrue(error.getStatus().getMessage(), error.getStatus().getMessage().contains("one task"));
        assertTrue(ProcessTrees.isRunning(run.taskTree().get(0)));
        agent.send(Events.kill("t1", 1000L));
        expect(agent, TaskState.TASK_KILLING, "t1");
        expect(agent, TaskState.TASK_KILLED, "t1");
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void shutdownKillsTheTaskAndExits() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "sleep 1000 & sleep 1000; wait")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        List<ProcessHandle> tree = awaitTree(3);
        agent.send(Events.of(Event.Type.SHUTDOWN));
        expect(agent, TaskState.TASK_KILLING, "t1");
        expect(agent, TaskState.TASK_KILLED, "t1");
        assertEquals(0, run.awaitExit(10));
        assertEquals(List.of(), ExecutorRun.running(tree));
    }

    @Test
    public void errorEventKillsTheTaskAndExitsWithOne() throws Exception {
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "sleep 1000")));
        agent.nextUpdate(10);
        agent.nextUpdate(10);
        List<ProcessHandle> tree = run.taskTree();
        agent.send(Events.error("framework removed"));
        assertEquals(1, run.awaitExit(10));
        assertEquals(List.of(), ExecutorRun.running(tree));
    }

    @Test
    public void missingEnvironmentExitsWithOne() {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        assertNull(CommandExecutor.start(Map.of("MESOS_FRAMEWORK_ID", "f"), exit::complete));
        assertEquals(Integer.valueOf(1), exit.getNow(null));
    }

    @Test
    public void executorWithoutAgentDoesNotHang() throws Exception {
        agent.close();
        executor().start();
        assertEquals(1, run.awaitExit(10));
    }

    @Test
    public void heartbeatsAndMessagesAreIgnored() throws Exception {
        agent.autoAcknowledge(true);
        executor().start();
        agent.nextSubscribe(10);
        agent.send(Events.of(Event.Type.HEARTBEAT));
        agent.send(Event.newBuilder()
                .setType(Event.Type.MESSAGE)
                .setMessage(Event.Message.newBuilder()
                        .setData(ByteString.copyFromUtf8("hi"))).build());
        agent.send(Events.launch(Events.shellTask("t1", "true")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        expect(agent, TaskState.TASK_FINISHED, "t1");
        assertEquals(0, run.awaitExit(10));
        assertFalse(run.exit.isCompletedExceptionally());
    }

    private List<ProcessHandle> awaitTree(int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> tree = run.taskTree();
        while (tree.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
            tree = run.taskTree();
        }
        assertEquals(tree.toString(), size, tree.size());
        return tree;
    }
}
