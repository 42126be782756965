package io.osmos.master.impl;

import static io.osmos.master.impl.ReservationCluster.reserved;
import static io.osmos.master.impl.ReservationCluster.volume;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OperationID;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;

/** RESERVE, CREATE, DESTROY, UNRESERVE in a scheduler's ACCEPT, operation statuses and agent re-subscription. */
public class OfferOperationsTest {

    private static final Resource DISK_OPS = reserved("disk", 64, "ops");
    private static final Resource VOLUME_OPS = volume("ops", "data", 64);

    static Call accept(ReservationCluster.Framework framework, Offer offer, Offer.Operation... operations) {
        return Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(framework.record().id)
                .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addAllOperations(List.of(operations)))
                .build();
    }

    static Offer.Operation launch(String agentId, String taskId, Resources resources) {
        TaskInfo task = TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(ReservationCluster.agent(agentId)).addAllResources(resources.toList())
                .setCommand(CommandInfo.newBuilder().setValue("true")).build();
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
    }

    static Offer.Operation reserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    static Offer.Operation create(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
                .setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation destroy(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
                .setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation unreserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                .setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    private static Offer.Operation withId(Offer.Operation operation, String id) {
        return operation.toBuilder().setId(OperationID.newBuilder().setValue(id)).build();
    }

    private static Event.UpdateOperationStatus update(ReservationCluster.Framework framework, String id,
            OperationState state) throws InterruptedException {
        return framework.events().await(e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
                && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(id)
                && e.getUpdateOperationStatus().getStatus().getState() == state).getUpdateOperationStatus();
    }

    @Test
    public void aFrameworkReservesCreatesAVolumeAndLaunchesOnItInOneAccept() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> true);
            Resources taskResources = Resources.parse("cpus:1;mem:64").plus(VOLUME_OPS).allocatedTo("ops");
            cluster.schedulerCall(framework, accept(framework, offer, reserve(DISK_OPS), create(VOLUME_OPS),
                    launch(cluster.agentId, "t1", taskResources)));

            assertEquals(Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_OPS), cluster.total());
            List<AgentEvent> events = cluster.agent.events();
            assertEquals(List.of(AgentEvent.Type.APPLY_OPERATION, AgentEvent.Type.APPLY_OPERATION,
                    AgentEvent.Type.RUN_TASK), events.stream().map(AgentEvent::getType)
                            .filter(t -> t != AgentEvent.Type.SUBSCRIBED && t != AgentEvent.Type.HEARTBEAT).toList());
            AgentEvent.ApplyOperation created = cluster.applied().get(1);
            assertEquals(framework.record().id, created.getFrameworkId());
            assertEquals("the agent gets the operation without allocation_info", List.of(VOLUME_OPS),
                    created.getOperation().getCreate().getVolumesList());
            TaskInfo task = events.stream().filter(e -> e.getType() == AgentEvent.Type.RUN_TASK).findFirst()
                    .orElseThrow().getRunTask().getTask();
            assertEquals(taskResources, Resources.of(task.getResourcesList()));

            for (AgentEvent.ApplyOperation applied : cluster.applied()) {
                cluster.answer(applied, OperationState.OPERATION_FINISHED, cluster.total());
            }
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_OPS), cluster.total());
            assertTrue(cluster.onLoop(() -> cluster.master.cluster().operations().pending(cluster.agentId)).isEmpty());
        }
    }

    @Test
    public void anOperationTheOfferDoesNotHoldIsDroppedWithAnError() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> true);
            cluster.schedulerCall(framework, accept(framework, offer,
                    withId(reserve(reserved("cpus", 8, "ops")), "too-much"),
                    withId(reserve(reserved("cpus", 1, "eng")), "not-mine")));
            Event.UpdateOperationStatus tooMuch = update(framework, "too-much", OperationState.OPERATION_ERROR);
            assertTrue(tooMuch.getStatus().getMessage(), tooMuch.getStatus().getMessage().contains("does not contain"));
            Event.UpdateOperationStatus notMine = update(framework, "not-mine", OperationState.OPERATION_ERROR);
            assertEquals("A reserve operation was attempted for a resource with role 'eng', but the resource was"
                    + " allocated to role 'ops'", notMine.getStatus().getMessage());
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:1024"), cluster.total());
            assertEquals(List.of(), cluster.applied());
        }
    }

    @Test
    public void theAgentsStatusReachesTheFrameworkAndAFailureRestoresTheAgentsTotal() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            Resources before = cluster.total();
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> true);
            cluster.schedulerCall(framework, accept(framework, offer, withId(reserve(DISK_OPS), "r1"),
                    withId(create(VOLUME_OPS), "c1")));
            List<AgentEvent.ApplyOperation> applied = cluster.applied();
            Resources afterReserve = before.minus(Resources.parse("disk:64")).plus(DISK_OPS);
            cluster.answer(applied.get(0), OperationState.OPERATION_FINISHED, afterReserve);
            Event.UpdateOperationStatus finished = update(framework, "r1", OperationState.OPERATION_FINISHED);
            assertEquals(cluster.agentId, finished.getStatus().getAgentId().getValue());

            cluster.answer(applied.get(1), OperationState.OPERATION_FAILED, afterReserve);
            update(framework, "c1", OperationState.OPERATION_FAILED);
            assertEquals("the volume the agent could not make is gone from the master's view too", afterReserve,
                    cluster.total());
        }
    }

    @Test
    public void aVolumeIsDestroyedAndItsDiskUnreservedInOneAccept() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster(
                Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_OPS))) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> !Resources.of(o.getResourcesList()).reserved().isEmpty());
            cluster.schedulerCall(framework, accept(framework, offer, destroy(VOLUME_OPS), unreserve(DISK_OPS)));
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:1024"), cluster.total());
            assertEquals(2, cluster.applied().size());
        }
    }

    @Test
    public void aResubscribingAgentsTotalHoldsAndItsVolumesAreOfferedAgain() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> true);
            cluster.schedulerCall(framework, accept(framework, offer, withId(reserve(DISK_OPS), "r1")));
            assertEquals(1, cluster.onLoop(() -> cluster.master.cluster().operations().pending(cluster.agentId)).size());

            Resources checkpointed = Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_OPS);
            AgentInfo info = cluster.onLoop(() -> cluster.master.agents().get(cluster.agentId).orElseThrow().info())
                    .toBuilder().clearResources().addAllResources(checkpointed.toList()).build();
            cluster.subscribeAgent(info, true);
            assertEquals(checkpointed, cluster.total());
            update(framework, "r1", OperationState.OPERATION_DROPPED);
            assertTrue(cluster.onLoop(() -> cluster.master.cluster().operations().pending(cluster.agentId)).isEmpty());
            cluster.schedulerCall(framework, Call.newBuilder().setType(Call.Type.REVIVE)
                    .setFrameworkId(framework.record().id).build());
            Offer again = framework.awaitOffer(o -> !Resources.of(o.getResourcesList()).persistentVolumes().isEmpty());
            assertEquals(Resources.of(VOLUME_OPS).allocatedTo("ops"),
                    Resources.of(again.getResourcesList()).persistentVolumes());
        }
    }

    @Test
    public void frameworksWithoutRefinementAreOfferedThePreRefinementFormat() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster(
                Resources.parse("cpus:3;mem:1024").plus(reserved("cpus", 1, "ops")))) {
            ReservationCluster.Framework framework = cluster.framework("old", false, "ops");
            Offer offer = framework.awaitOffer(o -> true);
            for (Resource resource : offer.getResourcesList()) {
                assertEquals(resource.toString(), 0, resource.getReservationsCount());
                assertTrue(resource.toString(), resource.hasRole());
            }
            Resource reservedCpu = offer.getResourcesList().stream().filter(r -> r.getRole().equals("ops"))
                    .findFirst().orElseThrow();
            assertEquals("p", reservedCpu.getReservation().getPrincipal());
            assertFalse(offer.getResourcesList().stream().anyMatch(r -> r.getRole().isEmpty()));

            // The framework launches on what it was offered, in the format it was offered.
            cluster.schedulerCall(framework, accept(framework, offer,
                    launch(cluster.agentId, "t1", Resources.of(offer.getResourcesList()))));
            assertTrue(cluster.agent.events().stream().anyMatch(e -> e.getType() == AgentEvent.Type.RUN_TASK));
        }
    }
}
