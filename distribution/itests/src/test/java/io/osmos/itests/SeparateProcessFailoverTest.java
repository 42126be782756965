package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.After;
import org.junit.Test;

/**
 * A master and an agent as separate processes, as they run in production; each is killed with
 * SIGKILL in turn while a checkpointing framework's tasks run. Killing the master: the agent and its
 * tasks are untouched, the restarted master recovers its registry, the agent re-registers and the
 * framework re-subscribes with its id. Killing the agent: the master keeps the framework, the tasks
 * keep their processes, the restarted agent adopts them, and an update made while it was down is
 * delivered. Nothing is lost or killed either way.
 */
public class SeparateProcessFailoverTest {

    private static final int SLEEPERS = 5;

    private final String masterPort = OsmosOptions.freePort();
    private final String agentPort = OsmosOptions.freePort();
    private final String marker = "7" + (System.nanoTime() % 100_000 + 100_000);
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
    public void tasksSurviveAKill9OfTheMasterThenOfTheAgent() throws Exception {
        workDir = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "separate-");
        master = new OsmosProcess(workDir.resolve("m"), "master", "--master_port=" + masterPort);
        agent = new OsmosProcess(workDir.resolve("a"), "agent", "--agent_port=" + agentPort,
                "--master=127.0.0.1:" + masterPort, "--resources=cpus:4;mem:4096",
                "--cgroups_root=" + cgroupsRoot);
        awaitAgents(1);

        FrameworkInfo framework = Tasks.framework("separate", "separate").toBuilder().setCheckpoint(true)
                .setFailoverTimeout(3600).build();
        scheduler = new TestScheduler(masterPort, MediaType.PROTOBUF);
        FrameworkID id = scheduler.subscribe(framework);
        Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
        Path finish = workDir.resolve("finish");
        List<TaskInfo> tasks = new ArrayList<>();
        Map<String, TaskState> running = new HashMap<>();
        for (int i = 0; i < SLEEPERS; i++) {
            tasks.add(Tasks.command("sleeper-" + i, offer, "sleep " + marker, "separate"));
            running.put("sleeper-" + i, TaskState.TASK_RUNNING);
        }
        tasks.add(Tasks.command("finisher", offer, "while [ ! -e " + finish + " ]; do sleep 0.2; done", "separate"));
        running.put("finisher", TaskState.TASK_RUNNING);
        scheduler.send(Tasks.launch(offer, tasks.toArray(TaskInfo[]::new)));
        scheduler.awaitStates(running, 120);
        Set<Long> sleepers = Leftovers.sleepPids("sleep " + marker);
        assertEquals(SLEEPERS, sleepers.size());

        long masterKilled = System.currentTimeMillis();
        master.killAndRestart();
        scheduler.close();
        awaitAgents(1);
        long agentBack = System.currentTimeMillis() - masterKilled;
        scheduler = new TestScheduler(masterPort, MediaType.PROTOBUF);
        assertEquals("the framework keeps its id", id, scheduler.subscribe(framework.toBuilder().setId(id).build()));
        assertEquals("the master's kill touched no task", sleepers, Leftovers.sleepPids("sleep " + marker));
        assertAllRunning(masterTasks());

        long agentKilled = System.currentTimeMillis();
        agent.killAndRestart();
        Files.writeString(finish, "now");
        TaskStatus finished = scheduler.awaitState("finisher", TaskState.TASK_FINISHED, 90);
        long delivered = System.currentTimeMillis() - agentKilled;
        assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
        assertEquals("the agent's kill touched no task", sleepers, Leftovers.sleepPids("sleep " + marker));
        assertAllRunning(masterTasks());
        scheduler.assertNone(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue()
                .startsWith("sleeper"), 3, "no sleeper changes state");
        assertTrue(agent.output(), agent.output().contains("adopted"));
        System.out.println("SeparateProcessFailoverTest: agent re-registered " + agentBack + " ms after the master's "
                + "SIGKILL; TASK_FINISHED delivered " + delivered + " ms after the agent's SIGKILL");
    }

    private void assertAllRunning(Map<String, TaskState> states) {
        for (int i = 0; i < SLEEPERS; i++) {
            assertEquals(states.toString(), TaskState.TASK_RUNNING, states.get("sleeper-" + i));
        }
    }

    private Map<String, TaskState> masterTasks() throws Exception {
        return new OperatorClient(masterPort).call(Call.Type.GET_TASKS).getGetTasks().getTasksList().stream()
                .collect(Collectors.toMap(t -> t.getTaskId().getValue(), io.osmos.proto.v1.Task::getState, (a, b) -> a));
    }

    /** Waits until the master (answering again after a restart) lists this many registered agents. */
    private void awaitAgents(int count) throws Exception {
        try {
            new OperatorClient(masterPort).awaitAgents(count, 90);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nmaster:\n" + master.output() + "\nagent:\n" + agent.output());
        }
    }
}
