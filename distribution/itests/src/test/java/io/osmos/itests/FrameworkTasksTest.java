package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Frameworks run real tasks on the local cluster (Pax Exam, the distribution's bundles): each test
 * is its own framework in its own role, so the tests share the agent without sharing offers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkTasksTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local", Map.of("master_port", OsmosOptions.freePort(), "agent_port",
                OsmosOptions.freePort(), "resources", "cpus:4;mem:4096"));
    }

    private static TestScheduler scheduler(MediaType type) {
        return new TestScheduler(System.getProperty("osmos.test.master_port"), type);
    }

    private static Offer firstOffer(TestScheduler scheduler) throws Exception {
        return scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
    }

    @Test
    public void anEchoTaskStartsRunsAndFinishesWithItsOutputInTheSandbox() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.PROTOBUF)) {
            String frameworkId = scheduler.subscribe(Tasks.framework("echo", "echo")).getValue();
            Offer offer = firstOffer(scheduler);
            assertEquals(202, scheduler.send(Tasks.launch(offer, Tasks.command("hello", offer, "echo hello-osmos", "echo")))
                    .statusCode());
            scheduler.awaitState("hello", TaskState.TASK_STARTING, 30);
            scheduler.awaitState("hello", TaskState.TASK_RUNNING, 30);
            TaskStatus finished = scheduler.awaitState("hello", TaskState.TASK_FINISHED, 30);
            assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
            Path stdout = sandbox(offer.getAgentId().getValue(), frameworkId, "hello").resolve("stdout");
            assertTrue(Files.readString(stdout), Files.readString(stdout).contains("hello-osmos"));
        }
    }

    @Test
    public void aFailingCommandEndsFailedWithItsExitStatus() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.JSON)) {
            scheduler.subscribe(Tasks.framework("fail", "fail"));
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("three", offer, "exit 3", "fail")));
            TaskStatus failed = scheduler.awaitState("three", TaskState.TASK_FAILED, 30);
            assertTrue(failed.getMessage(), failed.getMessage().contains("3"));
        }
    }

    @Test
    public void killEndsTheTaskWithinItsGracePeriodAndLeavesNoProcess() throws Exception {
        String marker = "987" + System.nanoTime() % 1000;
        try (TestScheduler scheduler = scheduler(MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("kill", "kill"));
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("sleeper", offer,
                    "sleep " + marker + " & sleep " + marker + "; wait", "kill")));
            scheduler.awaitState("sleeper", TaskState.TASK_RUNNING, 30);
            assertTrue("the task's processes run", processesWith(marker) >= 2);
            long start = System.currentTimeMillis();
            assertEquals(202, scheduler.send(Call.newBuilder().setType(Call.Type.KILL)
                    .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue("sleeper")))).statusCode());
            scheduler.awaitState("sleeper", TaskState.TASK_KILLED, 15);
            assertTrue("killed within the 1 s grace period plus delivery",
                    System.currentTimeMillis() - start < 6_000);
            long deadline = System.currentTimeMillis() + 5_000;
            while (processesWith(marker) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("no process of the task is left", 0, processesWith(marker));
        }
    }

    @Test
    public void reconciliationReturnsTheLatestStatesAndUnknownTasksAsLost() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.JSON)) {
            scheduler.subscribe(Tasks.framework("reconcile", "reconcile"));
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("long", offer, "sleep 60", "reconcile")));
            scheduler.awaitState("long", TaskState.TASK_RUNNING, 30);
            var agents = new OperatorClient(System.getProperty("osmos.test.master_port"))
                    .call(io.osmos.proto.v1.master.Call.Type.GET_AGENTS).getGetAgents().getAgents(0);
            assertTrue("GET_AGENTS shows the running task's resources as allocated: " + agents,
                    agents.getAllocatedResourcesList().stream().anyMatch(r -> r.getName().equals("cpus")
                            && r.getAllocationInfo().getRole().equals("reconcile") && r.getScalar().getValue() == 0.1));

            scheduler.send(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()));
            TaskStatus implicit = scheduler.await(e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION, 10)
                    .getUpdate().getStatus();
            assertEquals("long", implicit.getTaskId().getValue());
            assertEquals(TaskState.TASK_RUNNING, implicit.getState());
            assertFalse("reconciliation updates need no acknowledgement", implicit.hasUuid());

            scheduler.send(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
                    .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("nope")))));
            TaskStatus unknown = scheduler.await(e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getTaskId().getValue().equals("nope"), 10).getUpdate().getStatus();
            assertEquals(TaskState.TASK_LOST, unknown.getState());

            scheduler.send(Call.newBuilder().setType(Call.Type.KILL)
                    .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue("long"))));
            scheduler.awaitState("long", TaskState.TASK_KILLED, 15);
        }
    }

    @Test
    public void anInvalidTaskGetsTaskErrorWithTheReason() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("invalid", "invalid"));
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("bad", offer, "true", "invalid").toBuilder()
                    .clearCommand().build()));
            Event error = scheduler.await(e -> e.getType() == Event.Type.UPDATE, 10);
            assertEquals(TaskState.TASK_ERROR, error.getUpdate().getStatus().getState());
            assertEquals(TaskStatus.Reason.REASON_TASK_INVALID, error.getUpdate().getStatus().getReason());
            assertTrue(error.getUpdate().getStatus().getMessage(),
                    error.getUpdate().getStatus().getMessage().contains("CommandInfo or ExecutorInfo"));
        }
    }

    @Test
    public void declineFiltersSuppressStopsReviveResumesAndUpdateFrameworkAddsARole() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.JSON)) {
            io.osmos.proto.v1.FrameworkInfo info = Tasks.framework("tuning", "tuning");
            io.osmos.proto.v1.FrameworkID id = scheduler.subscribe(info);
            Offer offer = firstOffer(scheduler);
            assertEquals(202, scheduler.send(decline(offer, 3600)).statusCode());
            scheduler.assertNone(e -> e.getType() == Event.Type.OFFERS, 3, "the declined agent is filtered");

            assertEquals(202, scheduler.send(Call.newBuilder().setType(Call.Type.REVIVE)
                    .setRevive(Call.Revive.getDefaultInstance())).statusCode());
            Offer revived = firstOffer(scheduler);

            scheduler.send(Call.newBuilder().setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.getDefaultInstance()));
            scheduler.send(decline(revived, 0));
            scheduler.assertNone(e -> e.getType() == Event.Type.OFFERS, 3, "a suppressed framework gets no offers");

            io.osmos.proto.v1.FrameworkInfo updated = info.toBuilder().setId(id).addRoles("tuning2").build();
            var response = scheduler.send(Call.newBuilder().setType(Call.Type.UPDATE_FRAMEWORK)
                    .setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(updated)
                            .addSuppressedRoles("tuning")));
            assertEquals(response.body(), 200, response.statusCode());
            Offer forNewRole = firstOffer(scheduler);
            assertTrue(forNewRole.getResourcesList().stream()
                    .allMatch(r -> r.getAllocationInfo().getRole().equals("tuning2")));
        }
    }

    private static Call.Builder decline(Offer offer, double refuseSeconds) {
        return Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offer.getId()).setFilters(io.osmos.proto.v1.Filters.newBuilder()
                        .setRefuseSeconds(refuseSeconds)));
    }

    @Test
    public void callsWithoutTheStreamIdOrForUnknownFrameworksGetMesosErrors() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.JSON)) {
            scheduler.subscribe(Tasks.framework("errors", "errors"));
            OperatorClient client = new OperatorClient(System.getProperty("osmos.test.master_port"));
            var noStream = client.post("/api/v1/scheduler", "application/json", "application/json",
                    ("{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"" + scheduler.frameworkId().getValue()
                            + "\"}}").getBytes());
            assertEquals(400, noStream.statusCode());
            assertTrue(new String(noStream.body()).contains("Mesos-Stream-Id"));
        }
    }

    @Test
    public void offersContinueAfterTheAllocatorBundleIsUpdatedAndNoTaskIsLost() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("swap", "swap"));
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("survivor", offer, "sleep 60", "swap")));
            scheduler.awaitState("survivor", TaskState.TASK_RUNNING, 30);

            Bundle allocator = Bundles.find(context, "io.osmos.allocator.drf");
            scheduler.drain();
            Bundles.updateAndRefresh(context, allocator);
            assertEquals(Bundle.ACTIVE, allocator.getState());

            Offer after = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            assertTrue("the new allocator knows the running task's resources are used",
                    after.getResourcesList().stream().filter(r -> r.getName().equals("cpus"))
                            .mapToDouble(r -> r.getScalar().getValue()).sum() <= 4 - 0.1 + 1e-9);
            scheduler.send(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
                    .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("survivor")))));
            TaskStatus status = scheduler.await(e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION, 10)
                    .getUpdate().getStatus();
            assertEquals(TaskState.TASK_RUNNING, status.getState());
            scheduler.send(Call.newBuilder().setType(Call.Type.KILL)
                    .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue("survivor"))));
            scheduler.awaitState("survivor", TaskState.TASK_KILLED, 15);
        }
    }

    @Test
    public void updatingTheTcpTransportMidTaskKeepsTheTaskAndDeliversItsLaterUpdates() throws Exception {
        try (TestScheduler scheduler = scheduler(MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("tcp-update", "tcp-update").toBuilder().setCheckpoint(true).build());
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("steady", offer, "sleep 5", "tcp-update")));
            scheduler.awaitState("steady", TaskState.TASK_RUNNING, 30);

            Bundles.find(context, "io.osmos.transport.tcp").update();

            TaskStatus finished = scheduler.awaitState("steady", TaskState.TASK_FINISHED, 40);
            assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, finished.getSource());
        }
    }

    @Test
    public void teardownKillsTheFrameworksTasksAndTheAgentForgetsThem() throws Exception {
        String marker = "876" + System.nanoTime() % 1000;
        try (TestScheduler scheduler = scheduler(MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("teardown", "teardown"));
            Offer offer = firstOffer(scheduler);
            scheduler.send(Tasks.launch(offer, Tasks.command("doomed", offer, "sleep " + marker, "teardown")));
            scheduler.awaitState("doomed", TaskState.TASK_RUNNING, 30);
            assertEquals(202, scheduler.send(Call.newBuilder().setType(Call.Type.TEARDOWN)).statusCode());
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (processesWith(marker) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("the torn-down framework's task is killed", 0, processesWith(marker));
        var agent = new OperatorClient(System.getProperty("osmos.test.master_port"))
                .call(io.osmos.proto.v1.master.Call.Type.GET_AGENTS).getGetAgents().getAgents(0);
        assertTrue("nothing stays allocated to it: " + agent.getAllocatedResourcesList(), agent
                .getAllocatedResourcesList().stream().noneMatch(r -> r.getAllocationInfo().getRole().equals("teardown")));
    }

    private static Path sandbox(String agentId, String frameworkId, String executorId) {
        return Path.of(System.getProperty("osmos.test.work_dir"), "agent", "slaves", agentId, "frameworks", frameworkId,
                "executors", executorId, "runs", "latest");
    }

    private static long processesWith(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).count();
    }

}
