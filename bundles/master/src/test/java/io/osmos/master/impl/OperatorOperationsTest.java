package io.osmos.master.impl;

import static io.osmos.master.impl.ReservationCluster.create;
import static io.osmos.master.impl.ReservationCluster.destroy;
import static io.osmos.master.impl.ReservationCluster.reserve;
import static io.osmos.master.impl.ReservationCluster.reserved;
import static io.osmos.master.impl.ReservationCluster.unreserve;
import static io.osmos.master.impl.ReservationCluster.volume;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;

/** RESERVE_RESOURCES, UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES: 202, 400 and 409 as Mesos answers. */
public class OperatorOperationsTest {

    private static final Resource CPU_OPS = reserved("cpus", 1, "ops");
    private static final Resource DISK_ENG = reserved("disk", 64, "eng");
    private static final Resource VOLUME_ENG = volume("eng", "data", 64);
    private static final Resource VOLUME_OPS = volume("ops", "data", 64);

    @Test
    public void aReservationIsAppliedToTheMastersViewAndSentToTheAgent() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            assertEquals(CallResult.ACCEPTED, cluster.operator(reserve(cluster.agentId, List.of(), List.of(CPU_OPS))));
            assertEquals(Resources.parse("cpus:3;mem:1024;disk:1024").plus(CPU_OPS), cluster.total());
            AgentEvent.ApplyOperation sent = cluster.applied().get(0);
            assertEquals(Offer.Operation.Type.RESERVE, sent.getOperation().getType());
            assertEquals(List.of(CPU_OPS), sent.getOperation().getReserve().getResourcesList());
            assertFalse("an operator's operation has no framework", sent.hasFrameworkId());
            assertEquals(16, sent.getOperationUuid().size());

            Response operations = cluster.onLoop(() -> cluster.master.cluster().operations().response());
            assertEquals(1, operations.getGetOperations().getOperationsCount());
            assertEquals(OperationState.OPERATION_PENDING,
                    operations.getGetOperations().getOperations(0).getLatestStatus().getState());
            cluster.answer(sent, OperationState.OPERATION_FINISHED, cluster.total());
            assertEquals(0, cluster.onLoop(() -> cluster.master.cluster().operations().pending(cluster.agentId)).size());
        }
    }

    @Test
    public void invalidCallsAre400WithMesosMessages() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            assertEquals(new CallResult(400, "No agent found with specified ID"),
                    cluster.operator(reserve("nobody", List.of(), List.of(CPU_OPS))));
            CallResult unreserved = cluster.operator(reserve(cluster.agentId, List.of(),
                    Resources.parse("cpus:1").toList()));
            assertEquals(400, unreserved.status());
            assertTrue(unreserved.message(), unreserved.message().startsWith("Invalid RESERVE operation on agent "
                    + cluster.agentId + " at slave(1)@127.0.0.1:5051 (agent): "));
            assertTrue(unreserved.message(), unreserved.message().endsWith("is not dynamically reserved"));
            CallResult allocated = cluster.operator(reserve(cluster.agentId, List.of(),
                    Resources.of(CPU_OPS).allocatedTo("ops").toList()));
            assertEquals(400, allocated.status());
            assertTrue(allocated.message(), allocated.message().contains("the operator API only allows reservations"));
            CallResult notThere = cluster.operator(destroy(cluster.agentId, VOLUME_ENG));
            assertEquals(new CallResult(400, "Invalid DESTROY operation: Persistent volumes not found"), notThere);
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> OperatorOperations
                    .request(Call.newBuilder().setType(Call.Type.CREATE_VOLUMES).build()));
            assertEquals("Expecting 'create_volumes' to be present", missing.getMessage());
            assertEquals("nothing was applied", Resources.parse("cpus:4;mem:1024;disk:1024"), cluster.total());
            assertEquals(List.of(), cluster.applied());
        }
    }

    @Test
    public void resourcesThatAreNotAvailableAre409() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            CallResult tooMuch = cluster.operator(reserve(cluster.agentId, List.of(),
                    List.of(reserved("cpus", 8, "ops"))));
            assertEquals(409, tooMuch.status());
            assertTrue(tooMuch.message(), tooMuch.message().contains("does not contain"));
            assertEquals("unreserving what is not reserved", 409,
                    cluster.operator(unreserve(cluster.agentId, CPU_OPS)).status());
            cluster.onLoop(() -> {
                cluster.master.agents().streamClosed(cluster.agentId, "stream-0");
                return null;
            });
            CallResult disconnected = cluster.operator(reserve(cluster.agentId, List.of(), List.of(CPU_OPS)));
            assertEquals(409, disconnected.status());
            assertTrue(disconnected.message(), disconnected.message().endsWith("is not connected"));
        }
    }

    @Test
    public void offersHoldingTheResourcesAreRescindedFirst() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> Resources.of(o.getResourcesList()).scalar("cpus") == 4);
            assertEquals(CallResult.ACCEPTED, cluster.operator(reserve(cluster.agentId, List.of(), List.of(CPU_OPS))));
            framework.events().await(e -> e.getType() == Event.Type.RESCIND
                    && e.getRescind().getOfferId().equals(offer.getId()));
            Offer again = framework.awaitOffer(o -> !Resources.of(o.getResourcesList()).reserved().isEmpty());
            assertEquals(Resources.of(CPU_OPS).allocatedTo("ops"), Resources.of(again.getResourcesList()).reserved());
        }
    }

    @Test
    public void tasksKeepWhatTheyUse() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "ops");
            Offer offer = framework.awaitOffer(o -> true);
            cluster.schedulerCall(framework, OfferOperationsTest.accept(framework, offer,
                    OfferOperationsTest.launch(cluster.agentId, "t1", Resources.parse("cpus:4;mem:64").allocatedTo("ops"))));
            CallResult busy = cluster.operator(reserve(cluster.agentId, List.of(), List.of(CPU_OPS)));
            assertEquals(409, busy.status());
        }
    }

    @Test
    public void volumesAreCreatedDestroyedAndTheirDiskUnreserved() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            assertEquals(CallResult.ACCEPTED, cluster.operator(reserve(cluster.agentId, List.of(), List.of(DISK_ENG))));
            assertEquals(CallResult.ACCEPTED, cluster.operator(create(cluster.agentId, VOLUME_ENG)));
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_ENG), cluster.total());
            CallResult twice = cluster.operator(create(cluster.agentId, VOLUME_ENG));
            assertEquals(400, twice.status());
            assertTrue(twice.message(), twice.message().endsWith("Persistence ID 'data' is not unique"));
            assertEquals(CallResult.ACCEPTED, cluster.operator(destroy(cluster.agentId, VOLUME_ENG)));
            assertEquals(CallResult.ACCEPTED, cluster.operator(unreserve(cluster.agentId, DISK_ENG)));
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:1024"), cluster.total());
            assertEquals(List.of(Offer.Operation.Type.RESERVE, Offer.Operation.Type.CREATE,
                    Offer.Operation.Type.DESTROY, Offer.Operation.Type.UNRESERVE),
                    cluster.applied().stream().map(a -> a.getOperation().getType()).toList());
        }
    }

    @Test
    public void aVolumeInUseCannotBeDestroyed() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster(
                Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_ENG))) {
            ReservationCluster.Framework framework = cluster.framework("f", true, "eng");
            Offer offer = framework.awaitOffer(o -> !Resources.of(o.getResourcesList()).reserved().isEmpty());
            cluster.schedulerCall(framework, OfferOperationsTest.accept(framework, offer, OfferOperationsTest.launch(
                    cluster.agentId, "t1", Resources.parse("cpus:1;mem:64").plus(VOLUME_ENG).allocatedTo("eng"))));
            assertEquals(new CallResult(400, "Invalid DESTROY operation: Persistent volumes in use"),
                    cluster.operator(destroy(cluster.agentId, VOLUME_ENG)));
        }
    }

    @Test
    public void aReservationUpdateMovesAVolumeFromEngToOps() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster(
                Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_ENG))) {
            ReservationCluster.Framework eng = cluster.framework("eng", true, "eng");
            Offer engOffer = eng.awaitOffer(o -> !Resources.of(o.getResourcesList()).reserved().isEmpty());
            // Subscribed while eng holds everything: it gets what the move frees (it has had nothing yet).
            ReservationCluster.Framework ops = cluster.framework("ops", true, "ops");
            CallResult different = cluster.operator(reserve(cluster.agentId, List.of(VOLUME_ENG),
                    List.of(volume("ops", "other", 64))));
            assertEquals(400, different.status());
            assertTrue(different.message(), different.message().contains(
                    "Source and target resources should refer to identical resource quantities"));
            CallResult absent = cluster.operator(reserve(cluster.agentId, List.of(volume("dev", "data", 64)),
                    List.of(VOLUME_OPS)));
            assertEquals(409, absent.status());

            assertEquals(CallResult.ACCEPTED, cluster.operator(reserve(cluster.agentId, List.of(VOLUME_ENG),
                    List.of(VOLUME_OPS))));
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_OPS), cluster.total());
            eng.events().await(e -> e.getType() == Event.Type.RESCIND
                    && e.getRescind().getOfferId().equals(engOffer.getId()));
            AgentEvent.ApplyOperation sent = cluster.applied().get(0);
            assertEquals(List.of(VOLUME_ENG), sent.getOperation().getReserve().getSourceList());

            Offer opsOffer = ops.awaitOffer(o -> !Resources.of(o.getResourcesList()).reserved().isEmpty());
            assertEquals(Resources.of(VOLUME_OPS).allocatedTo("ops"), Resources.of(opsOffer.getResourcesList()).reserved());
            Thread.sleep(1500);
            assertTrue("eng is never offered the volume again", eng.offers().stream()
                    .filter(o -> !o.getId().equals(engOffer.getId()))
                    .allMatch(o -> Resources.of(o.getResourcesList()).reserved().isEmpty()));
        }
    }

    @Test
    public void onceNothingIsPendingTheAgentsTotalHolds() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster()) {
            assertEquals(CallResult.ACCEPTED, cluster.operator(reserve(cluster.agentId, List.of(), List.of(CPU_OPS))));
            Resources agentTotal = Resources.parse("cpus:3;mem:1000;disk:1024").plus(CPU_OPS);
            cluster.answer(cluster.applied().get(0), OperationState.OPERATION_FINISHED, agentTotal);
            assertEquals(agentTotal, cluster.total());
        }
    }

    @Test
    public void volumesGrowAndShrinkOnAgentsThatCanResizeThem() throws Exception {
        List<io.osmos.proto.v1.AgentInfo.Capability> capabilities = new java.util.ArrayList<>(
                ReservationCluster.CAPABILITIES);
        capabilities.add(ReservationCluster.capability(io.osmos.proto.v1.AgentInfo.Capability.Type.RESIZE_VOLUME));
        try (ReservationCluster cluster = new ReservationCluster(Resources.parse("cpus:4;mem:1024;disk:960")
                .plus(VOLUME_ENG).plus(reserved("disk", 32, "eng")), capabilities)) {
            Call grow = Call.newBuilder().setType(Call.Type.GROW_VOLUME).setGrowVolume(Call.GrowVolume.newBuilder()
                    .setAgentId(ReservationCluster.agent(cluster.agentId)).setVolume(VOLUME_ENG)
                    .setAddition(reserved("disk", 32, "eng"))).build();
            assertEquals(CallResult.ACCEPTED, cluster.operator(grow));
            Resource grown = VOLUME_ENG.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(96)).build();
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:960").plus(grown), cluster.total());
            Call shrink = Call.newBuilder().setType(Call.Type.SHRINK_VOLUME).setShrinkVolume(Call.ShrinkVolume
                    .newBuilder().setAgentId(ReservationCluster.agent(cluster.agentId)).setVolume(grown)
                    .setSubtract(Value.Scalar.newBuilder().setValue(64))).build();
            assertEquals(CallResult.ACCEPTED, cluster.operator(shrink));
            assertEquals(Resources.parse("cpus:4;mem:1024;disk:960").plus(reserved("disk", 64, "eng"))
                    .plus(VOLUME_ENG.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(32)).build()),
                    cluster.total());
        }
    }

    @Test
    public void growAndShrinkNeedAnAgentThatCanResizeVolumes() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster(
                Resources.parse("cpus:4;mem:1024;disk:960").plus(VOLUME_ENG))) {
            Call grow = Call.newBuilder().setType(Call.Type.GROW_VOLUME).setGrowVolume(Call.GrowVolume.newBuilder()
                    .setAgentId(ReservationCluster.agent(cluster.agentId)).setVolume(VOLUME_ENG)
                    .setAddition(reserved("disk", 32, "eng"))).build();
            CallResult result = cluster.operator(grow);
            assertEquals(400, result.status());
            assertTrue(result.message(), result.message().endsWith("without RESIZE_VOLUME capability"));
            Call shrink = Call.newBuilder().setType(Call.Type.SHRINK_VOLUME).setShrinkVolume(Call.ShrinkVolume
                    .newBuilder().setVolume(VOLUME_ENG).setSubtract(Value.Scalar.newBuilder().setValue(32))).build();
            assertEquals("Expecting 'agent_id' to be present", assertThrows(IllegalArgumentException.class,
                    () -> OperatorOperations.request(shrink)).getMessage());
        }
    }
}
