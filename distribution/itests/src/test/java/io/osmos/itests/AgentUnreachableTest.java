package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.After;
import org.junit.Test;

/**
 * An agent that goes away while the master runs, as separate processes: the agent is killed with
 * SIGKILL and stays down past agent_ping_timeout × max_agent_ping_timeouts (1 s × 2 here). The
 * partition-aware framework hears TASK_UNREACHABLE, the master lists the agent no more, and the
 * registry holds it unreachable, so a master restarted meanwhile still reconciles the task as
 * TASK_UNREACHABLE. When the agent comes back it re-registers, adopts its executor, and the task is
 * TASK_RUNNING again; its process never stopped.
 */
public class AgentUnreachableTest {

    private final String masterPort = OsmosOptions.freePort();
    private final String agentPort = OsmosOptions.freePort();
    private final String marker = "7" + (System.nanoTime() % 100_000 + 200_000);
    private final String cgroupsRoot = "osmos-it-" + UUID.randomUUID().toString().substring(0, 8);
    private Path workDir;
    private OsmosProcess master;
    private OsmosProcess agent;
    private TestScheduler scheduler;

    @After
    public void stop() throws Exception {
        Leftovers.endSeparateProcesses(scheduler, marker, workDir, cgroupsRoot, agent, master);
    }

    @Test
    public void anAgentAwayPastItsHealthChecksIsUnreachableUntilItComesBack() throws Exception {
        workDir = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "unreachable-");
        master = new OsmosProcess(workDir.resolve("m"), "master", "--master_port=" + masterPort,
                "--agent_ping_timeout=1", "--max_agent_ping_timeouts=2");
        agent = new OsmosProcess(workDir.resolve("a"), "agent", "--agent_port=" + agentPort,
                "--master=127.0.0.1:" + masterPort, "--resources=cpus:2;mem:2048", "--cgroups_root=" + cgroupsRoot);
        OperatorClient operator = new OperatorClient(masterPort);
        operator.awaitAgents(1, 90);

        FrameworkInfo framework = Tasks.framework("unreachable", "unreachable").toBuilder().setCheckpoint(true)
                .setFailoverTimeout(3600).addCapabilities(FrameworkInfo.Capability.newBuilder()
                        .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build();
        scheduler = new TestScheduler(masterPort, MediaType.PROTOBUF);
        FrameworkID id = scheduler.subscribe(framework);
        Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
        TaskInfo sleeper = Tasks.command("sleeper", offer, "sleep " + marker, "unreachable");
        scheduler.send(Tasks.launch(offer, sleeper));
        scheduler.awaitState("sleeper", TaskState.TASK_RUNNING, 60);
        Set<Long> pids = Leftovers.sleepPids("sleep " + marker);
        assertEquals(1, pids.size());

        agent.kill();
        TaskStatus unreachable = scheduler.awaitState("sleeper", TaskState.TASK_UNREACHABLE, 30);
        assertEquals(TaskStatus.Source.SOURCE_MASTER, unreachable.getSource());
        assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, unreachable.getReason());
        assertTrue(unreachable.getMessage(), unreachable.getMessage().contains("is unreachable"));
        operator.awaitAgents(0, 10);

        master.killAndRestart();
        scheduler.close();
        operator.awaitAgents(0, 90);
        scheduler = new TestScheduler(masterPort, MediaType.PROTOBUF);
        assertEquals(id, scheduler.subscribe(framework.toBuilder().setId(id).build()));
        assertEquals("the registry kept the agent unreachable across the master's restart", TaskState.TASK_UNREACHABLE,
                reconcile(sleeper.getAgentId()).getState());

        agent.restart();
        operator.awaitAgents(1, 90);
        TaskStatus back = reconcile(sleeper.getAgentId());
        assertEquals("running again once its agent is back: " + back.getMessage(), TaskState.TASK_RUNNING,
                back.getState());
        assertEquals("the task's process never stopped", pids, Leftovers.sleepPids("sleep " + marker));
    }

    /** Explicit reconciliation of the sleeper; the master's answer. */
    private TaskStatus reconcile(AgentID agentId) throws Exception {
        scheduler.drain();
        scheduler.send(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
                .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("sleeper"))
                        .setAgentId(agentId))));
        return scheduler.await(e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION, 30)
                .getUpdate().getStatus();
    }
}
