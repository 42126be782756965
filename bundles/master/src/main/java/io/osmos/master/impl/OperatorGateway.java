package io.osmos.master.impl;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.osmos.api.resources.Resources;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.codec.ContentNegotiation;
import io.osmos.http.codec.DirectSerializer;
import io.osmos.http.codec.MediaType;
import io.osmos.master.api.CallOutcome;
import io.osmos.master.api.OperatorService;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.v1.DrainConfig;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The master's side of the v1 Operator API: read-only calls go through the read batches and are
 * serialized straight from the model; calls that change the master run on its loop and complete
 * once every registry write they made is durable (Mesos answers after its registrar).
 */
@Component(service = OperatorService.class)
public final class OperatorGateway implements OperatorService {

    private static final Set<Call.Type> READS = EnumSet.of(Call.Type.GET_HEALTH, Call.Type.GET_VERSION,
            Call.Type.GET_FLAGS, Call.Type.GET_MASTER, Call.Type.GET_STATE, Call.Type.GET_AGENTS,
            Call.Type.GET_FRAMEWORKS, Call.Type.GET_EXECUTORS, Call.Type.GET_TASKS, Call.Type.GET_ROLES,
            Call.Type.GET_WEIGHTS, Call.Type.GET_QUOTA, Call.Type.GET_OPERATIONS);
    private static final Set<Call.Type> WRITES = EnumSet.of(Call.Type.UPDATE_WEIGHTS, Call.Type.UPDATE_QUOTA,
            Call.Type.TEARDOWN, Call.Type.DEACTIVATE_AGENT, Call.Type.REACTIVATE_AGENT, Call.Type.DRAIN_AGENT,
            Call.Type.MARK_AGENT_GONE, Call.Type.RESERVE_RESOURCES, Call.Type.UNRESERVE_RESOURCES,
            Call.Type.CREATE_VOLUMES, Call.Type.DESTROY_VOLUMES, Call.Type.GROW_VOLUME, Call.Type.SHRINK_VOLUME);
    private static final byte[] NOTHING = new byte[0];

    private final Master master;
    private final OperatorResponses responses;
    private final AtomicLong subscriptions = new AtomicLong();

    @Activate
    public OperatorGateway(@Reference Master master) {
        this.master = master;
        this.responses = new OperatorResponses(master);
    }

    @Override
    public boolean recovered() {
        return master.recovered();
    }

    @Override
    public boolean reads(Call.Type type) {
        return READS.contains(type);
    }

    @Override
    public boolean writes(Call.Type type) {
        return WRITES.contains(type);
    }

    /** Identical reads in one batch (same call type and encoding) are computed once. */
    @Override
    public CompletionStage<byte[]> read(Call.Type type, MediaType encoding) {
        Function<StateBodies, byte[]> compute = switch (type) {
            case GET_HEALTH -> view -> message(encoding, responses.health());
            case GET_VERSION -> view -> message(encoding, responses.version());
            case GET_FLAGS -> view -> message(encoding, responses.flags());
            case GET_MASTER -> view -> message(encoding, responses.master());
            case GET_STATE -> view -> DirectSerializer.encode(encoding, view.state());
            case GET_AGENTS -> view -> DirectSerializer.encode(encoding, view.agents());
            case GET_FRAMEWORKS -> view -> DirectSerializer.encode(encoding, view.frameworks());
            case GET_EXECUTORS -> view -> DirectSerializer.encode(encoding, view.executors());
            case GET_TASKS -> view -> DirectSerializer.encode(encoding, view.tasks());
            case GET_ROLES -> view -> message(encoding, new RoleResponses(view).getRoles());
            case GET_WEIGHTS -> view -> message(encoding, new RoleResponses(view).getWeights());
            case GET_QUOTA -> view -> message(encoding, new RoleResponses(view).getQuota());
            case GET_OPERATIONS -> view -> message(encoding, master.cluster().operations().response());
            default -> null;
        };
        if (compute == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Not a read-only call: " + type));
        }
        return master.reads().read("v1/" + type + "/" + encoding, compute);
    }

    @Override
    public CompletionStage<CallOutcome> write(Call call) {
        Call.Type type = call.getType();
        return switch (type) {
            case UPDATE_WEIGHTS -> change(call.hasUpdateWeights(), "update_weights", () -> stored(
                    master.cluster().roles().updateWeights(call.getUpdateWeights().getWeightInfosList(),
                            master.cluster().allocator().get()),
                    () -> RegistryOperation.newBuilder().setUpdateWeights(RegistryOperation.UpdateWeights.newBuilder()
                            .addAllWeights(call.getUpdateWeights().getWeightInfosList())).build()));
            case UPDATE_QUOTA -> change(call.hasUpdateQuota(), "update_quota", () -> stored(
                    master.cluster().roles().updateQuota(call.getUpdateQuota().getQuotaConfigsList(),
                            call.getUpdateQuota().getForce(), totalResources(), master.cluster().allocator().get()),
                    () -> RegistryOperation.newBuilder().setUpdateQuota(RegistryOperation.UpdateQuota.newBuilder()
                            .addAllQuotaConfigs(call.getUpdateQuota().getQuotaConfigsList())).build()));
            case TEARDOWN -> change(call.hasTeardown(), "teardown",
                    () -> teardown(call.getTeardown().getFrameworkId().getValue()));
            case DEACTIVATE_AGENT -> change(call.hasDeactivateAgent(), "deactivate_agent",
                    () -> master.maintenance().deactivate(call.getDeactivateAgent().getAgentId().getValue()));
            case REACTIVATE_AGENT -> change(call.hasReactivateAgent(), "reactivate_agent",
                    () -> master.maintenance().reactivate(call.getReactivateAgent().getAgentId().getValue()));
            case DRAIN_AGENT -> change(call.hasDrainAgent(), "drain_agent", () -> master.maintenance()
                    .drain(call.getDrainAgent().getAgentId().getValue(), drainConfig(call.getDrainAgent())));
            case MARK_AGENT_GONE -> change(call.hasMarkAgentGone(), "mark_agent_gone",
                    () -> master.maintenance().markGone(call.getMarkAgentGone().getAgentId().getValue()));
            case RESERVE_RESOURCES, UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES, GROW_VOLUME, SHRINK_VOLUME ->
                    new OperatorOperations(master).handle(call);
            default -> CompletableFuture.completedFuture(CallOutcome.badRequest("Not a call that changes the master: " + type));
        };
    }

    /**
     * The snapshot is taken in a read batch and the subscriber joins in the same batch, so no event
     * falls between them. Each subscription is its own read (never shared).
     */
    @Override
    public CompletionStage<Void> subscribe(RecordIOStream stream) {
        return master.reads().read("subscribe/" + subscriptions.incrementAndGet(), view -> {
            byte[] subscribed = DirectSerializer.encode(stream.type(), view.subscribed());
            master.events().subscribe(stream, subscribed);
            return NOTHING;
        }).thenApply(done -> null);
    }

    /**
     * Runs the change on the master loop, so a read sent after its answer sees it. The change returns
     * null when done (200 once durable), else why the call is invalid (400).
     */
    private CompletionStage<CallOutcome> change(boolean present, String field, Callable<String> change) {
        if (!present) {
            return CompletableFuture.completedFuture(
                    CallOutcome.badRequest("Failed to validate master::Call: Expecting '" + field + "' to be present"));
        }
        return master.loop().submit(() -> {
            String problem = change.call();
            return master.registry().barrier().thenApply(durable -> problem);
        }).thenCompose(durable -> durable)
                .thenApply(problem -> problem == null ? CallOutcome.OK : CallOutcome.badRequest(problem));
    }

    /** Loop only: after a valid change, sends it to the registry; null when done, else the problem. */
    private String stored(String problem, Supplier<RegistryOperation> operation) {
        if (problem == null) {
            master.registry().write(operation.get());
        }
        return problem;
    }

    /** DRAIN_AGENT's google.protobuf.Duration as the DrainConfig Mesos reports back in drain_info. */
    private static DrainConfig drainConfig(Call.DrainAgent drain) {
        DrainConfig.Builder config = DrainConfig.newBuilder().setMarkGone(drain.getMarkGone());
        if (drain.hasMaxGracePeriod()) {
            config.setMaxGracePeriod(DurationInfo.newBuilder().setNanoseconds(
                    drain.getMaxGracePeriod().getSeconds() * 1_000_000_000L + drain.getMaxGracePeriod().getNanos()));
        }
        return config.build();
    }

    /** Loop only. */
    private Resources totalResources() {
        Resources total = Resources.EMPTY;
        for (AgentRecord agent : master.agents().all()) {
            total = total.plus(Resources.of(agent.info().getResourcesList()));
        }
        return total;
    }

    /** Loop only. */
    private String teardown(String frameworkId) {
        FrameworkRecord framework = master.cluster().framework(frameworkId);
        if (framework == null) {
            return "No framework found with specified ID";
        }
        master.subscriptions().teardown(framework);
        return null;
    }

    private static byte[] message(MediaType encoding, Response response) {
        return ContentNegotiation.encode(encoding, response);
    }
}
