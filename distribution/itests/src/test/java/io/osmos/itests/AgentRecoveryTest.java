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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Agent recovery on {@code bin/osmos local}: a checkpointing framework's tasks survive a SIGKILL of
 * the whole JVM (master and agent) and its restart on the same work dir. Their processes keep
 * their pids, the master learns them back from the re-registering agent, and a task that finished
 * while the agent was down has its TASK_FINISHED delivered once the executor re-subscribed.
 */
public class AgentRecoveryTest {

    private static final int SLEEPERS = 10;

    private LocalClusterProcess cluster;
    private TestScheduler scheduler;
    private final String marker = "6" + (System.nanoTime() % 100_000 + 100_000);

    @After
    public void stop() throws Exception {
        if (scheduler != null) {
            try {
                scheduler.send(io.osmos.proto.v1.scheduler.Call.newBuilder()
                        .setType(io.osmos.proto.v1.scheduler.Call.Type.TEARDOWN));
                long deadline = System.currentTimeMillis() + 20_000;
                while (!Leftovers.runningIn(cluster.workDir).isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                // The agent learns an adopted executor's end by polling (not its child): let it clean up.
                while (!cgroupsOf(cluster.output()).isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
            } finally {
                scheduler.close();
            }
        }
        if (cluster != null) {
            cluster.close();
            // Executors outlive the agent by design: whatever the teardown did not end goes now.
            Leftovers.runningIn(cluster.workDir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    public void tasksSurviveAKill9OfTheAgentJvmAndAnUpdateMadeWhileItWasDownIsDelivered() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus:8;mem:8192");
        cluster.awaitAgent();
        scheduler = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        FrameworkInfo framework = Tasks.framework("recovering", "recovering").toBuilder().setCheckpoint(true)
                .setFailoverTimeout(3600).build();
        FrameworkID id = scheduler.subscribe(framework);
        Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
        Path finish = cluster.workDir.resolve("finish");
        List<TaskInfo> tasks = new ArrayList<>();
        Map<String, TaskState> running = new HashMap<>();
        for (int i = 0; i < SLEEPERS; i++) {
            tasks.add(Tasks.command("sleeper-" + i, offer, "sleep " + marker, "recovering"));
            running.put("sleeper-" + i, TaskState.TASK_RUNNING);
        }
        tasks.add(Tasks.command("finisher", offer, "while [ ! -e " + finish + " ]; do sleep 0.2; done; echo done-" + marker,
                "recovering"));
        running.put("finisher", TaskState.TASK_RUNNING);
        scheduler.send(Tasks.launch(offer, tasks.toArray(TaskInfo[]::new)));
        scheduler.awaitStates(running, 120);
        Set<Long> sleepersBefore = Leftovers.sleepPids("sleep " + marker);
        assertEquals(SLEEPERS, sleepersBefore.size());

        cluster.killAndRestart();
        scheduler.close();
        Files.writeString(finish, "now");
        long restarted = System.currentTimeMillis();
        cluster.awaitAgent();

        scheduler = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        scheduler.subscribe(framework.toBuilder().setId(id).build());
        TaskStatus finished = scheduler.awaitState("finisher", TaskState.TASK_FINISHED, 60);
        assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
        long delivered = System.currentTimeMillis() - restarted;

        assertEquals("the same sleep processes run", sleepersBefore, Leftovers.sleepPids("sleep " + marker));
        Map<String, TaskState> states = masterTaskStates();
        for (int i = 0; i < SLEEPERS; i++) {
            assertEquals(states.toString(), TaskState.TASK_RUNNING, states.get("sleeper-" + i));
        }
        String log = cluster.output();
        assertTrue(log, log.contains("adopted, 1 task(s)"));
        scheduler.assertNone(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue()
                .startsWith("sleeper") && e.getUpdate().getStatus().getState() != TaskState.TASK_RUNNING, 3,
                "no sleeper ends");
        System.out.println("AgentRecoveryTest: " + line(log, "Recovered in \\d+ ms[^\\n]*") + " | "
                + line(log, "Recovery complete[^\\n]*") + " | TASK_FINISHED delivered " + delivered
                + " ms after the restart began");
    }

    /**
     * The same for a task group under the default executor: its tasks' nested containers are adopted
     * with the executor, a task that ends after the restart is reported by the executor (its WAIT
     * re-issued to the new agent), and the others can be killed.
     */
    @Test
    public void aTaskGroupSurvivesAKill9OfTheAgentJvm() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus:8;mem:8192");
        cluster.awaitAgent();
        scheduler = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        FrameworkInfo framework = Tasks.framework("recovering-group", "recovering").toBuilder().setCheckpoint(true)
                .setFailoverTimeout(3600).build();
        FrameworkID id = scheduler.subscribe(framework);
        Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
        Path finish = cluster.workDir.resolve("finish");
        scheduler.send(Tasks.launchGroup(offer, "group", "recovering",
                Tasks.command("g-sleeper-1", offer, "sleep " + marker, "recovering"),
                Tasks.command("g-sleeper-2", offer, "sleep " + marker, "recovering"),
                Tasks.command("g-finisher", offer, "while [ ! -e " + finish + " ]; do sleep 0.2; done", "recovering")));
        scheduler.awaitStates(Map.of("g-sleeper-1", TaskState.TASK_RUNNING, "g-sleeper-2", TaskState.TASK_RUNNING,
                "g-finisher", TaskState.TASK_RUNNING), 120);
        Set<Long> sleepersBefore = Leftovers.sleepPids("sleep " + marker);
        assertEquals(2, sleepersBefore.size());

        cluster.killAndRestart();
        scheduler.close();
        cluster.awaitAgent();
        scheduler = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        scheduler.subscribe(framework.toBuilder().setId(id).build());
        String log = awaitLog("Recovery complete");
        assertTrue(log, log.contains("3 nested container(s) still run and were adopted"));
        Files.writeString(finish, "now");

        TaskStatus finished = scheduler.awaitState("g-finisher", TaskState.TASK_FINISHED, 60);
        assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
        assertEquals("the same sleep processes run", sleepersBefore, Leftovers.sleepPids("sleep " + marker));
        for (String task : List.of("g-sleeper-1", "g-sleeper-2")) {
            scheduler.send(io.osmos.proto.v1.scheduler.Call.newBuilder().setType(io.osmos.proto.v1.scheduler.Call.Type.KILL)
                    .setKill(io.osmos.proto.v1.scheduler.Call.Kill.newBuilder()
                            .setTaskId(io.osmos.proto.v1.TaskID.newBuilder().setValue(task))));
        }
        scheduler.awaitStates(Map.of("g-sleeper-1", TaskState.TASK_KILLED, "g-sleeper-2", TaskState.TASK_KILLED), 30);
        assertEquals(Set.of(), Leftovers.sleepPids("sleep " + marker));
        System.out.println("AgentRecoveryTest (task group): " + line(log, "Recovered in \\d+ ms[^\\n]*") + " | "
                + line(log, "Recovery complete[^\\n]*"));
    }

    private String awaitLog(String text) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!cluster.output().contains(text) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return cluster.output();
    }

    private Map<String, TaskState> masterTaskStates() throws Exception {
        return new OperatorClient(cluster.masterPort).call(Call.Type.GET_TASKS).getGetTasks().getTasksList().stream()
                .collect(Collectors.toMap(t -> t.getTaskId().getValue(), io.osmos.proto.v1.Task::getState, (a, b) -> a));
    }

    private static String line(String log, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(log);
        String last = "";
        while (matcher.find()) {
            last = matcher.group();
        }
        return last;
    }

    /** The cgroups (cpu hierarchy, default root) of containers this cluster's log names that still exist. */
    private static List<Path> cgroupsOf(String log) {
        Path root = Path.of("/sys/fs/cgroup/cpu/osmos");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).filter(c -> log.contains(c.getFileName().toString())).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
