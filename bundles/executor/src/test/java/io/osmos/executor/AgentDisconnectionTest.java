package io.osmos.executor;

import static io.osmos.executor.CommandExecutorTest.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

import io.osmos.http.codec.RecordIO;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.executor.Call;

/** What the executor does when its agent goes away, comes back or talks nonsense. */
public class AgentDisconnectionTest {

    @Rule public final TemporaryFolder folder = new TemporaryFolder();
    @Rule public final Timeout timeout = Timeout.seconds(60);

    private FakeAgent agent;
    private ExecutorRun run;

    @After
    public void stop() {
        if (run != null) {
            run.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private ExecutorRun startWithRunningTask(boolean checkpoint) throws Exception {
        agent = new FakeAgent(Events.subscribed(true));
        run = new ExecutorRun(agent, folder.getRoot().toPath())
                .with("MESOS_CHECKPOINT", checkpoint ? "1" : "0")
                .with("MESOS_SUBSCRIPTION_BACKOFF_MAX", "100ms")
                .with("MESOS_RECOVERY_TIMEOUT", "3secs")
                .start();
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "sleep 1000")));
        return run;
    }

    @Test
    public void unacknowledgedUpdatesAreResentOnResubscription() throws Exception {
        startWithRunningTask(true);
        Call.Update starting = expect(agent, TaskState.TASK_STARTING, "t1");
        Call.Update running = expect(agent, TaskState.TASK_RUNNING, "t1");

        agent.dropStream();
        Call.Subscribe again = agent.nextSubscribe(10).call.getSubscribe();
        assertEquals(List.of("t1"), again.getUnacknowledgedTasksList().stream()
                .map(t -> t.getTaskId().getValue()).collect(Collectors.toList()));
        assertEquals(List.of(starting, running), again.getUnacknowledgedUpdatesList());
        assertTrue("the task keeps running", ProcessTrees.isRunning(run.taskTree().get(0)));

        // The acknowledgement reaches the executor before the end of the stream it was sent on.
        agent.acknowledge(starting);
        agent.dropStream();
        again = agent.nextSubscribe(10).call.getSubscribe();
        assertEquals(0, again.getUnacknowledgedTasksCount());
        assertEquals(List.of(running), again.getUnacknowledgedUpdatesList());

        agent.acknowledge(running);
        agent.autoAcknowledge(true);
        agent.send(Events.kill("t1", 1000L));
        expect(agent, TaskState.TASK_KILLING, "t1");
        expect(agent, TaskState.TASK_KILLED, "t1");
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void updatesMadeWhileDisconnectedGoOutWithTheNextSubscribe() throws Exception {
        startWithRunningTask(true);
        agent.autoAcknowledge(true);
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        int port = agent.port();
        agent.close();
        ProcessTrees.killNow(run.taskTree().get(0));
        Thread.sleep(500);
        agent = new FakeAgent(Events.subscribed(true), port).autoAcknowledge(true);
        Call.Subscribe again = agent.nextSubscribe(10).call.getSubscribe();
        assertEquals(1, again.getUnacknowledgedUpdatesCount());
        Call.Update failed = again.getUnacknowledgedUpdates(0);
        assertEquals(TaskState.TASK_FAILED, failed.getStatus().getState());
        assertEquals("Command terminated with signal 9", failed.getStatus().getMessage());
        agent.acknowledge(failed);
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void checkpointedExecutorGivesUpAfterTheRecoveryTimeout() throws Exception {
        startWithRunningTask(true);
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        List<ProcessHandle> tree = run.taskTree();
        long start = System.nanoTime();
        agent.close();
        Thread.sleep(1000);
        assertFalse("still recovering", run.exit.isDone());
        assertTrue("the task keeps running meanwhile", ProcessTrees.isRunning(tree.get(0)));
        assertEquals(1, run.awaitExit(15));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue("gave up after " + millis + " ms", millis >= 2900);
        assertEquals(List.of(), ExecutorRun.running(tree));
    }

    @Test
    public void nonCheckpointedExecutorExitsWhenTheAgentGoesAway() throws Exception {
        startWithRunningTask(false);
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        List<ProcessHandle> tree = run.taskTree();
        agent.close();
        assertEquals(1, run.awaitExit(10));
        assertEquals(List.of(), ExecutorRun.running(tree));
    }

    @Test
    public void malformedRecordIOEndsTheExecutor() throws Exception {
        startWithRunningTask(true);
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        List<ProcessHandle> tree = run.taskTree();
        agent.sendRaw("12x\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, run.awaitExit(10));
        assertEquals(List.of(), ExecutorRun.running(tree));
    }

    @Test
    public void subscriptionRefusedByTheAgentEndsTheExecutor() throws Exception {
        agent = new FakeAgent(Events.subscribed(true)).rejectSubscribe(403, 1);
        run = new ExecutorRun(agent, folder.getRoot().toPath()).with("MESOS_CHECKPOINT", "1").start();
        agent.nextSubscribe(10);
        assertEquals(1, run.awaitExit(10));
    }

    @Test
    public void unavailableAgentIsRetriedWhileCheckpointing() throws Exception {
        agent = new FakeAgent(Events.subscribed(true)).rejectSubscribe(503, 2).autoAcknowledge(true);
        run = new ExecutorRun(agent, folder.getRoot().toPath()).with("MESOS_CHECKPOINT", "1")
                .with("MESOS_SUBSCRIPTION_BACKOFF_MAX", "50ms").start();
        agent.nextSubscribe(10);
        agent.nextSubscribe(10);
        agent.nextSubscribe(10);
        agent.send(Events.launch(Events.shellTask("t1", "true")));
        expect(agent, TaskState.TASK_STARTING, "t1");
        expect(agent, TaskState.TASK_RUNNING, "t1");
        expect(agent, TaskState.TASK_FINISHED, "t1");
        assertEquals(0, run.awaitExit(10));
    }

    @Test
    public void recordThatIsNoEventEndsTheExecutor() throws Exception {
        agent = new FakeAgent(null);
        run = new ExecutorRun(agent, folder.getRoot().toPath()).with("MESOS_CHECKPOINT", "1").start();
        agent.nextSubscribe(10);
        agent.sendRaw(RecordIO.frame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        assertEquals(1, run.awaitExit(10));
    }
}
