package io.osmos.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The agent bundle is updated in place (Felix {@code Bundle.update()} from its own jar) while a
 * checkpointing framework's tasks run: they keep running with the same processes, their executors
 * re-subscribe to the new agent instance, which controls them (a kill works), and a status update
 * made during the swap reaches the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentBundleUpdateTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:4;mem:4096"));
    }

    @Test
    public void updatingTheAgentBundleKeepsTasksAndDeliversAnUpdateMadeDuringTheSwap() throws Exception {
        String marker = "7" + (System.nanoTime() % 100_000 + 100_000);
        Path finish = Files.createTempDirectory("agent-update").resolve("finish");
        try (TestScheduler scheduler = new TestScheduler(System.getProperty("osmos.test.master_port"), MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("agent-update", "agent-update").toBuilder().setCheckpoint(true).build());
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("steady", offer, "sleep " + marker, "agent-update"),
                    Tasks.command("swapped", offer, "while [ ! -e " + finish + " ]; do sleep 0.05; done", "agent-update")));
            scheduler.awaitStates(Map.of("steady", TaskState.TASK_RUNNING, "swapped", TaskState.TASK_RUNNING), 60);
            Set<Long> before = Leftovers.sleepPids("sleep " + marker);
            assertEquals(1, before.size());

            Files.writeString(finish, "now");
            long swap = System.nanoTime();
            Bundles.updateAndRefresh(context, Bundles.find(context, "io.osmos.agent"));
            long swapMillis = (System.nanoTime() - swap) / 1_000_000;

            TaskStatus finished = scheduler.awaitState("swapped", TaskState.TASK_FINISHED, 60);
            assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
            assertEquals("the same process runs", before, Leftovers.sleepPids("sleep " + marker));
            scheduler.assertNone(e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getTaskId().getValue().equals("steady"), 3, "steady keeps running");
            scheduler.send(Call.newBuilder().setType(Call.Type.KILL)
                    .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue("steady"))));
            scheduler.awaitState("steady", TaskState.TASK_KILLED, 30);
            awaitExecutorsGone();
            System.out.println("AgentBundleUpdateTest: update and refresh of io.osmos.agent took " + swapMillis + " ms");
        } finally {
            Leftovers.sleepPids("sleep " + marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /**
     * The same for a task group under the default executor: its tasks' nested containers are adopted
     * by the new agent instance, which answers the executor's waits when they end.
     */
    @Test
    public void updatingTheAgentBundleKeepsATaskGroupAndItsNestedContainers() throws Exception {
        String marker = "8" + (System.nanoTime() % 100_000 + 100_000);
        Path finish = Files.createTempDirectory("agent-update-group").resolve("finish");
        try (TestScheduler scheduler = new TestScheduler(System.getProperty("osmos.test.master_port"), MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("agent-update-group", "agent-group").toBuilder().setCheckpoint(true).build());
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launchGroup(offer, "group-executor", "agent-group",
                    Tasks.command("g-sleep-1", offer, "sleep " + marker + "1", "agent-group"),
                    Tasks.command("g-sleep-2", offer, "sleep " + marker + "2", "agent-group"),
                    Tasks.command("g-swapped", offer, "while [ ! -e " + finish + " ]; do sleep 0.05; done", "agent-group")));
            scheduler.awaitStates(Map.of("g-sleep-1", TaskState.TASK_RUNNING, "g-sleep-2", TaskState.TASK_RUNNING,
                    "g-swapped", TaskState.TASK_RUNNING), 60);
            Set<Long> before = Leftovers.sleepPids("sleep " + marker);
            assertEquals(2, before.size());

            Files.writeString(finish, "now");
            long swap = System.nanoTime();
            Bundles.updateAndRefresh(context, Bundles.find(context, "io.osmos.agent"));
            long swapMillis = (System.nanoTime() - swap) / 1_000_000;

            TaskStatus finished = scheduler.awaitState("g-swapped", TaskState.TASK_FINISHED, 60);
            assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
            assertEquals("the same processes run", before, Leftovers.sleepPids("sleep " + marker));
            scheduler.assertNone(e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getTaskId().getValue().startsWith("g-sleep"), 3, "the sleeps keep running");
            for (String task : new String[] {"g-sleep-1", "g-sleep-2"}) {
                scheduler.send(Call.newBuilder().setType(Call.Type.KILL)
                        .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(task))));
            }
            scheduler.awaitStates(Map.of("g-sleep-1", TaskState.TASK_KILLED, "g-sleep-2", TaskState.TASK_KILLED), 30);
            assertEquals(Set.of(), Leftovers.sleepPids("sleep " + marker));
            awaitExecutorsGone();
            System.out.println("AgentBundleUpdateTest: update and refresh of io.osmos.agent with a task group took "
                    + swapMillis + " ms");
        } finally {
            Leftovers.sleepPids("sleep " + marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Executors exit once their tasks ended; their cgroups go with them, before the framework stops. */
    private static void awaitExecutorsGone() throws Exception {
        Path root = Path.of("/sys/fs/cgroup/cpu", System.getProperty("osmos.test.cgroups_root"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (Files.isDirectory(root) && System.currentTimeMillis() < deadline) {
            try (java.util.stream.Stream<Path> children = Files.list(root)) {
                if (children.noneMatch(Files::isDirectory)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        if (Files.isDirectory(root)) {
            throw new AssertionError("containers are left in " + root);
        }
    }
}
