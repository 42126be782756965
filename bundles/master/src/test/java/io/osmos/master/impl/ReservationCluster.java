package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.OperationStatus;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.Volume;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.scheduler.Event;

/**
 * A master in memory with the DRF allocator bound and one agent ({@code cpus:4;mem:1024;disk:1024}
 * unless told otherwise) whose events are captured, for reservation and volume tests. Frameworks
 * subscribe on captured streams too.
 */
final class ReservationCluster implements AutoCloseable {

    /** A subscribed framework and the events it was sent. */
    record Framework(FrameworkRecord record, CapturedStream<Event> events) {

        /** Waits for an offer that matches. */
        Offer awaitOffer(Predicate<Offer> which) throws InterruptedException {
            return events.await(e -> e.getType() == Event.Type.OFFERS
                    && e.getOffers().getOffersList().stream().anyMatch(which)).getOffers().getOffersList().stream()
                    .filter(which).findFirst().orElseThrow();
        }

        List<Offer> offers() {
            List<Offer> offers = new ArrayList<>();
            events.events().stream().filter(e -> e.getType() == Event.Type.OFFERS)
                    .forEach(e -> offers.addAll(e.getOffers().getOffersList()));
            return offers;
        }
    }

    static final List<AgentInfo.Capability> CAPABILITIES = List.of(capability(AgentInfo.Capability.Type.MULTI_ROLE),
            capability(AgentInfo.Capability.Type.HIERARCHICAL_ROLE),
            capability(AgentInfo.Capability.Type.RESERVATION_REFINEMENT));

    final Master master = BenchmarkCluster.master();
    CapturedStream<AgentEvent> agent = new CapturedStream<>(AgentEvent.getDefaultInstance());
    final String agentId;
    private final List<AgentInfo.Capability> capabilities;
    private int streams;

    ReservationCluster() throws Exception {
        this(Resources.parse("cpus:4;mem:1024;disk:1024"));
    }

    ReservationCluster(Resources total) throws Exception {
        this(total, CAPABILITIES);
    }

    ReservationCluster(Resources total, List<AgentInfo.Capability> capabilities) throws Exception {
        this.capabilities = capabilities;
        BenchmarkCluster.bindDrfAllocator(master);
        agentId = subscribeAgent(AgentInfo.newBuilder().setHostname("agent").setPort(5051)
                .addAllResources(total.toList()).build(), false);
    }

    /** The agent subscribes (again, with its id, when {@code again}) on a new captured stream. */
    String subscribeAgent(AgentInfo info, boolean again) throws Exception {
        return subscribeAgent(info, again, List.of());
    }

    /** The same, the agent reporting these tasks. */
    String subscribeAgent(AgentInfo info, boolean again, List<io.osmos.proto.v1.Task> tasks) throws Exception {
        String streamId = "stream-" + streams++;
        if (again) {
            agent.close();
            agent = new CapturedStream<>(AgentEvent.getDefaultInstance());
        }
        CapturedStream<AgentEvent> events = agent;
        return onLoop(() -> {
            AgentRecord record = master.agents().subscribe(info, capabilities, "1.10.0", "127.0.0.1:5051", streamId,
                    System.nanoTime());
            master.streams().open(new AgentStream(record.id(), streamId, events.stream()));
            master.agentLifecycle().subscribed(record, again,
                    AgentCall.Subscribe.newBuilder().setAgentInfo(record.info()).addAllTasks(tasks).build());
            return record.id();
        });
    }

    /** A framework with these roles (MULTI_ROLE; RESERVATION_REFINEMENT if {@code refinement}). */
    Framework framework(String name, boolean refinement, String... roles) throws Exception {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("root").setName(name).addAllRoles(List.of(roles))
                .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE));
        if (refinement) {
            info.addCapabilities(FrameworkInfo.Capability.newBuilder()
                    .setType(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT));
        }
        CapturedStream<Event> events = new CapturedStream<>(Event.getDefaultInstance());
        FrameworkRecord record = onLoop(() -> master.subscriptions().subscribe(info.build(), List.of(),
                new SchedulerStream(name, events.stream())));
        return new Framework(record, events);
    }

    <T> T onLoop(Callable<T> change) throws Exception {
        return master.loop().submit(change).get();
    }

    /** An operator call, answered as the Operator API would: 202, 400 or 409. */
    CallResult operator(Call call) throws Exception {
        OperatorOperations.Request request = OperatorOperations.request(call);
        return onLoop(() -> new OperatorOperations(master).apply(request.agentId(), request.operation()));
    }

    /** A scheduler call of a framework, on the loop. */
    CallResult schedulerCall(Framework framework, io.osmos.proto.v1.scheduler.Call call) throws Exception {
        return onLoop(() -> master.calls().handle(framework.record(), call));
    }

    Resources total() throws Exception {
        return onLoop(() -> master.agents().get(agentId).orElseThrow().total());
    }

    /** The APPLY_OPERATION events the agent was sent, in order. */
    List<AgentEvent.ApplyOperation> applied() {
        return agent.events().stream().filter(e -> e.getType() == AgentEvent.Type.APPLY_OPERATION)
                .map(AgentEvent::getApplyOperation).toList();
    }

    /** The agent answers an APPLY_OPERATION. */
    void answer(AgentEvent.ApplyOperation operation, OperationState state, Resources agentTotal) throws Exception {
        OperationStatus.Builder status = OperationStatus.newBuilder().setState(state)
                .setUuid(io.osmos.proto.v1.UUID.newBuilder().setValue(operation.getOperationUuid()));
        if (operation.getOperation().hasId()) {
            status.setOperationId(operation.getOperation().getId());
        }
        AgentCall.OperationStatus.Builder call = AgentCall.OperationStatus.newBuilder()
                .setOperationUuid(operation.getOperationUuid()).setStatus(status)
                .addAllTotalResources(agentTotal.toList());
        if (operation.hasFrameworkId()) {
            call.setFrameworkId(operation.getFrameworkId());
        }
        onLoop(() -> master.agentLifecycle().call(agentId, AgentCall.newBuilder()
                .setType(AgentCall.Type.OPERATION_STATUS).setOperationStatus(call).build()));
    }

    static AgentInfo.Capability capability(AgentInfo.Capability.Type type) {
        return AgentInfo.Capability.newBuilder().setType(type).build();
    }

    static ReservationInfo dynamic(String role) {
        return ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal("p").build();
    }

    /** A scalar dynamically reserved to {@code role}, by principal {@code p}. */
    static Resource reserved(String name, double amount, String role) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(amount)).addReservations(dynamic(role)).build();
    }

    /** A persistent volume on the root disk, reserved to {@code role}, mounted at {@code data}. */
    static Resource volume(String role, String id, double megabytes) {
        return reserved("disk", megabytes, role).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(id).setPrincipal("p"))
                .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
    }

    static Call reserve(String agentId, List<Resource> source, List<Resource> target) {
        return Call.newBuilder().setType(Call.Type.RESERVE_RESOURCES).setReserveResources(Call.ReserveResources
                .newBuilder().setAgentId(agent(agentId)).addAllSource(source).addAllResources(target)).build();
    }

    static Call unreserve(String agentId, Resource... resources) {
        return Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES).setUnreserveResources(Call.UnreserveResources
                .newBuilder().setAgentId(agent(agentId)).addAllResources(List.of(resources))).build();
    }

    static Call create(String agentId, Resource... volumes) {
        return Call.newBuilder().setType(Call.Type.CREATE_VOLUMES).setCreateVolumes(Call.CreateVolumes.newBuilder()
                .setAgentId(agent(agentId)).addAllVolumes(List.of(volumes))).build();
    }

    static Call destroy(String agentId, Resource... volumes) {
        return Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES).setDestroyVolumes(Call.DestroyVolumes.newBuilder()
                .setAgentId(agent(agentId)).addAllVolumes(List.of(volumes))).build();
    }

    static io.osmos.proto.v1.AgentID agent(String agentId) {
        return io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId).build();
    }

    @Override
    public void close() {
        master.stop();
    }
}
