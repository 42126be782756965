package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * An agent that stays disconnected past agent_ping_timeout × max_agent_ping_timeouts (here 2 × 0.1 s)
 * is marked unreachable: its tasks reported, it leaves the master's agents and the registry records
 * it; one that comes back in time is left alone, and one that comes back later is taken in again.
 */
public class AgentReachabilityTest {

    private Master master;
    private MemoryRegistry registry;
    private CapturedStream<Event> partitionAware;
    private CapturedStream<Event> plain;
    private FrameworkRecord partitionAwareFramework;
    private FrameworkRecord plainFramework;
    private String agentId;
    private int streams;

    @Before
    public void start() throws Exception {
        master = BenchmarkCluster.master(Map.of("agent_ping_timeout", 0.1, "max_agent_ping_timeouts", 2));
        registry = new MemoryRegistry(RegistryState.getDefaultInstance()).recovering();
        master.bindRegistry(registry);
        BenchmarkCluster.bindDrfAllocator(master);
        partitionAware = new CapturedStream<>(Event.getDefaultInstance());
        plain = new CapturedStream<>(Event.getDefaultInstance());
        partitionAwareFramework = subscribe("aware", partitionAware, FrameworkInfo.Capability.Type.PARTITION_AWARE);
        plainFramework = subscribe("plain", plain, FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        agentId = subscribeAgent(null, List.of(task("a1", partitionAwareFramework), task("a2", partitionAwareFramework),
                task("p1", plainFramework)));
    }

    @After
    public void stop() {
        master.stop();
    }

    @Test
    public void anAgentAwayTooLongIsMarkedUnreachable() throws Exception {
        disconnect();
        TaskStatus a1 = update(partitionAware, "a1");
        assertEquals(TaskState.TASK_UNREACHABLE, a1.getState());
        assertEquals(TaskStatus.Source.SOURCE_MASTER, a1.getSource());
        assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, a1.getReason());
        assertTrue(a1.getMessage(), a1.getMessage().contains("is unreachable"));
        assertEquals("a framework that is not partition-aware hears TASK_LOST", TaskState.TASK_LOST,
                update(plain, "p1").getState());

        assertTrue("no longer among the master's agents", onLoop(() -> master.agents().get(agentId).isEmpty()));
        assertTrue(onLoop(() -> master.recovery().isUnreachableAgent(agentId)));
        assertTrue("the registry records it", registry.operations().stream().anyMatch(op -> op.hasMarkUnreachable()
                && op.getMarkUnreachable().getId().getValue().equals(agentId)));
        assertEquals("its tasks stay listed, unreachable (they may still run)", TaskState.TASK_UNREACHABLE,
                onLoop(() -> partitionAwareFramework.tasks.get("a1").latestState));
    }

    @Test
    public void anAgentBackInTimeIsLeftAlone() throws Exception {
        disconnect();
        subscribeAgent(agentId, List.of(task("a1", partitionAwareFramework), task("a2", partitionAwareFramework),
                task("p1", plainFramework)));
        Thread.sleep(500);
        assertFalse("no update: " + partitionAware.events(), partitionAware.events().stream()
                .anyMatch(e -> e.getType() == Event.Type.UPDATE));
        assertTrue(onLoop(() -> master.agents().get(agentId).orElseThrow().active()));
        assertFalse(registry.operations().stream().anyMatch(RegistryOperation::hasMarkUnreachable));
    }

    @Test
    public void anUnreachableAgentThatComesBackIsTakenInAgainWithWhatItStillRuns() throws Exception {
        disconnect();
        update(partitionAware, "a2");
        subscribeAgent(agentId, List.of(task("a1", partitionAwareFramework), task("p1", plainFramework)));

        TaskStatus gone = partitionAware.await(e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals("a2")
                && e.getUpdate().getStatus().getState() != TaskState.TASK_UNREACHABLE).getUpdate().getStatus();
        assertEquals("the task it no longer has is gone: " + gone.getMessage(), TaskState.TASK_GONE, gone.getState());
        assertTrue("and done with", onLoop(() -> !partitionAwareFramework.tasks.containsKey("a2")));
        assertEquals(TaskState.TASK_RUNNING, onLoop(() -> partitionAwareFramework.tasks.get("a1").latestState));
        assertEquals(TaskState.TASK_RUNNING, onLoop(() -> plainFramework.tasks.get("p1").latestState));
        assertTrue(onLoop(() -> master.agents().get(agentId).orElseThrow().active()));
        assertFalse(onLoop(() -> master.recovery().isUnreachableAgent(agentId)));
        assertTrue("the registry admits it again", registry.operations().stream().filter(op -> op.hasAdmitAgent())
                .count() >= 2);
    }

    private void disconnect() throws Exception {
        String streamId = "stream-" + (streams - 1);
        onLoop(() -> {
            master.agents().streamClosed(agentId, streamId);
            master.agentLifecycle().disconnected(agentId);
            return null;
        });
    }

    private TaskStatus update(CapturedStream<Event> events, String taskId) throws InterruptedException {
        return events.await(e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getSource() == TaskStatus.Source.SOURCE_MASTER).getUpdate().getStatus();
    }

    private FrameworkRecord subscribe(String name, CapturedStream<Event> events, FrameworkInfo.Capability.Type capability)
            throws Exception {
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("root").setName(name).setRole("*").setCheckpoint(true)
                .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(capability)).build();
        return onLoop(() -> master.subscriptions().subscribe(info, List.of(), new SchedulerStream(name, events.stream())));
    }

    /** The agent (re-)subscribes, with its id when it has one, reporting these tasks. */
    private String subscribeAgent(String id, List<Task.Builder> tasks) throws Exception {
        String streamId = "stream-" + streams++;
        AgentInfo.Builder info = AgentInfo.newBuilder().setHostname("agent").setPort(5051)
                .addAllResources(Resources.parse("cpus:4;mem:1024").toList());
        if (id != null) {
            info.setId(AgentID.newBuilder().setValue(id));
        }
        CapturedStream<AgentEvent> events = new CapturedStream<>(AgentEvent.getDefaultInstance());
        return onLoop(() -> {
            boolean known = id != null && master.agents().get(id).isPresent();
            AgentRecord record = master.agents().subscribe(info.build(), List.of(), "1.10.0", "127.0.0.1:5051",
                    streamId, System.nanoTime());
            master.streams().open(new AgentStream(record.id(), streamId, events.stream()));
            AgentCall.Subscribe.Builder subscribe = AgentCall.Subscribe.newBuilder().setAgentInfo(record.info());
            tasks.forEach(task -> subscribe.addTasks(task.setAgentId(record.info().getId())));
            master.agentLifecycle().subscribed(record, known, subscribe.build());
            master.recovery().admitted(record);
            return record.id();
        });
    }

    private static Task.Builder task(String id, FrameworkRecord framework) {
        return Task.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setFrameworkId(framework.id)
                .setState(TaskState.TASK_RUNNING).addAllResources(Resources.parse("cpus:0.5;mem:64").toList());
    }

    private <T> T onLoop(Callable<T> change) throws Exception {
        return master.loop().submit(change).get();
    }
}
