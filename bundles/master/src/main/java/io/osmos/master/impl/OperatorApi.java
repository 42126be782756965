package io.osmos.master.impl;

import java.util.List;
import java.util.function.Function;

import io.osmos.api.logging.LoggingControl;
import io.osmos.api.metrics.Metrics;
import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.http.codec.ContentNegotiation;
import io.osmos.http.codec.DirectSerializer;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The v1 master Operator API at {@code /api/v1} (and {@code /master/api/v1}). Read-only calls go
 * through the master's read batches and are serialized straight from its model.
 */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class OperatorApi implements HttpRoutes {

    private static final byte[] NOTHING = new byte[0];

    private final Master master;
    private final OperatorResponses responses;
    private final java.util.concurrent.atomic.AtomicLong subscriptions = new java.util.concurrent.atomic.AtomicLong();
    // Metrics may come and go (bundle update) without taking the Operator API down with them.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Metrics metrics;
    // So may logging control: without it the level is 0 and there is no /master/log.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoggingControl logging;
    private final LoggingCalls loggingCalls = new LoggingCalls(() -> logging);

    @Activate
    public OperatorApi(@Reference Master master) {
        this.master = master;
        this.responses = new OperatorResponses(master);
    }

    @Deactivate
    void stop() {
        loggingCalls.close();
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/api/v1", this::handle), Route.exact("/master/api/v1", this::handle));
    }

    private void handle(HttpServerRequest request, Buffer body) {
        if (!master.recovered()) {
            Replies.error(request, 503, MasterRecovery.NOT_RECOVERED);
            return;
        }
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> call) {
        switch (call.call().getType()) {
            case GET_HEALTH -> read(call, view -> message(call, responses.health()));
            case GET_VERSION -> read(call, view -> message(call, responses.version()));
            case GET_FLAGS -> read(call, view -> message(call, responses.flags()));
            case GET_MASTER -> read(call, view -> message(call, responses.master()));
            case GET_METRICS -> read(call, view -> message(call, responses.metrics(metrics)));
            case GET_STATE -> read(call, view -> direct(call, view.state()));
            case GET_AGENTS -> read(call, view -> direct(call, view.agents()));
            case GET_FRAMEWORKS -> read(call, view -> direct(call, view.frameworks()));
            case GET_EXECUTORS -> read(call, view -> direct(call, view.executors()));
            case GET_TASKS -> read(call, view -> direct(call, view.tasks()));
            case GET_ROLES -> read(call, view -> message(call, new RoleResponses(view).getRoles()));
            case GET_WEIGHTS -> read(call, view -> message(call, new RoleResponses(view).getWeights()));
            case GET_QUOTA -> read(call, view -> message(call, new RoleResponses(view).getQuota()));
            case GET_OPERATIONS -> read(call, view -> message(call, master.cluster().operations().response()));
            case UPDATE_WEIGHTS -> write(call, call.call().hasUpdateWeights(), "update_weights", () -> stored(
                    master.cluster().roles().updateWeights(call.call().getUpdateWeights().getWeightInfosList(),
                            master.cluster().allocator().get()),
                    () -> RegistryOperation.newBuilder().setUpdateWeights(RegistryOperation.UpdateWeights.newBuilder()
                            .addAllWeights(call.call().getUpdateWeights().getWeightInfosList())).build()));
            case UPDATE_QUOTA -> write(call, call.call().hasUpdateQuota(), "update_quota", () -> stored(
                    master.cluster().roles().updateQuota(call.call().getUpdateQuota().getQuotaConfigsList(),
                            call.call().getUpdateQuota().getForce(), totalResources(),
                            master.cluster().allocator().get()),
                    () -> RegistryOperation.newBuilder().setUpdateQuota(RegistryOperation.UpdateQuota.newBuilder()
                            .addAllQuotaConfigs(call.call().getUpdateQuota().getQuotaConfigsList())).build()));
            case TEARDOWN -> write(call, call.call().hasTeardown(), "teardown", () -> teardown(
                    call.call().getTeardown().getFrameworkId().getValue()));
            case DEACTIVATE_AGENT -> write(call, call.call().hasDeactivateAgent(), "deactivate_agent",
                    () -> master.maintenance().deactivate(call.call().getDeactivateAgent().getAgentId().getValue()));
            case REACTIVATE_AGENT -> write(call, call.call().hasReactivateAgent(), "reactivate_agent",
                    () -> master.maintenance().reactivate(call.call().getReactivateAgent().getAgentId().getValue()));
            case DRAIN_AGENT -> write(call, call.call().hasDrainAgent(), "drain_agent", () -> master.maintenance()
                    .drain(call.call().getDrainAgent().getAgentId().getValue(), drainConfig(call.call().getDrainAgent())));
            case MARK_AGENT_GONE -> write(call, call.call().hasMarkAgentGone(), "mark_agent_gone",
                    () -> master.maintenance().markGone(call.call().getMarkAgentGone().getAgentId().getValue()));
            case RESERVE_RESOURCES, UNRESERVE_RESOURCES, CREATE_VOLUMES, DESTROY_VOLUMES, GROW_VOLUME, SHRINK_VOLUME ->
                    new OperatorOperations(master).handle(call);
            case SUBSCRIBE -> subscribe(call);
            case GET_LOGGING_LEVEL, SET_LOGGING_LEVEL, LIST_FILES, READ_FILE -> loggingCalls.handle(call);
            case UNKNOWN -> Replies.error(call.request(), 501, "Unknown call type");
            default -> Replies.error(call.request(), 501,
                    "Call type " + call.call().getType() + " is not served by this Osmos master yet");
        }
    }

    /** Identical reads in one batch (same call type and encoding) are computed once. */
    private void read(ApiCall<Call> call, Function<StateBodies, byte[]> compute) {
        String key = "v1/" + call.call().getType() + "/" + call.responseType();
        master.reads().read(key, compute).whenComplete((bytes, error) -> {
            if (error != null) {
                Replies.error(call.request(), 503, "The master cannot answer right now: " + error.getMessage());
            } else {
                ApiCalls.okEncoded(call, bytes);
            }
        });
    }

    /** Loop only: after a valid change, sends it to the registry; null when done, else the problem. */
    private String stored(String problem, java.util.function.Supplier<RegistryOperation> operation) {
        if (problem == null) {
            master.registry().write(operation.get());
        }
        return problem;
    }

    /**
     * A call that changes the master: run on the master loop, so a read sent after its answer sees it.
     * The change returns null when done (200, once every registry write it made is durable, as Mesos
     * answers after its registrar), else why the call is invalid (400).
     */
    private void write(ApiCall<Call> call, boolean present, String field, java.util.concurrent.Callable<String> change) {
        if (!present) {
            Replies.badRequest(call.request(), "Failed to validate master::Call: Expecting '" + field + "' to be present");
            return;
        }
        master.loop().submit(() -> {
            String problem = change.call();
            return master.registry().barrier().thenApply(durable -> problem);
        }).thenCompose(durable -> durable).whenComplete((problem, error) -> {
            if (error != null) {
                Replies.error(call.request(), 503, "The master cannot answer right now: " + error.getMessage());
            } else if (problem != null) {
                Replies.badRequest(call.request(), problem);
            } else {
                call.request().response().setStatusCode(200).end();
            }
        });
    }

    /** DRAIN_AGENT's google.protobuf.Duration as the DrainConfig Mesos reports back in drain_info. */
    private static io.osmos.proto.v1.DrainConfig drainConfig(Call.DrainAgent drain) {
        io.osmos.proto.v1.DrainConfig.Builder config = io.osmos.proto.v1.DrainConfig.newBuilder()
                .setMarkGone(drain.getMarkGone());
        if (drain.hasMaxGracePeriod()) {
            config.setMaxGracePeriod(io.osmos.proto.v1.DurationInfo.newBuilder().setNanoseconds(
                    drain.getMaxGracePeriod().getSeconds() * 1_000_000_000L + drain.getMaxGracePeriod().getNanos()));
        }
        return config.build();
    }

    /** Loop only. */
    private io.osmos.api.resources.Resources totalResources() {
        io.osmos.api.resources.Resources total = io.osmos.api.resources.Resources.EMPTY;
        for (AgentRecord agent : master.agents().all()) {
            total = total.plus(io.osmos.api.resources.Resources.of(agent.info().getResourcesList()));
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

    /**
     * SUBSCRIBE: the snapshot is taken in a read batch and the subscriber joins in the same batch, so
     * no event falls between them. Each subscription is its own read (never shared).
     */
    private void subscribe(ApiCall<Call> call) {
        master.reads().read("subscribe/" + subscriptions.incrementAndGet(), view -> {
            byte[] subscribed = DirectSerializer.encode(call.responseType(), view.subscribed());
            master.events().subscribe(new RecordIOStream(call.request(), call.responseType()), subscribed);
            return NOTHING;
        }).whenComplete((ignored, error) -> {
            if (error != null) {
                Replies.error(call.request(), 503, "The master cannot answer right now: " + error.getMessage());
            }
        });
    }

    private static byte[] message(ApiCall<Call> call, Response response) {
        return ContentNegotiation.encode(call.responseType(), response);
    }

    private static byte[] direct(ApiCall<Call> call, DirectSerializer.Body body) {
        return DirectSerializer.encode(call.responseType(), body);
    }
}
