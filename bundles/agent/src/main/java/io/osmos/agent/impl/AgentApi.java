package io.osmos.agent.impl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.osmos.api.logging.LoggingControl;
import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Flag;
import io.osmos.proto.v1.VersionInfo;
import io.osmos.proto.v1.agent.Call;
import io.osmos.proto.v1.agent.Response;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The agent's v1 Operator API ({@code /api/v1}, {@code /slave(1)/api/v1}) and {@code /health}. */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=agent")
public final class AgentApi implements HttpRoutes {

    private final Agent agent;
    private final NestedContainers nested;
    private final ContainerStatistics statistics;
    private final SandboxFiles files;
    // The agent runs without the logging bundle: then its level is 0 and it has no /slave/log.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoggingControl logging;

    @Activate
    public AgentApi(@Reference Agent agent) {
        this.agent = agent;
        this.nested = new NestedContainers(agent);
        this.statistics = new ContainerStatistics(agent);
        this.files = new SandboxFiles(new SandboxPaths(Path.of(agent.flags().get("work_dir")), () -> {
            AgentInfo info = agent.info();
            return info.hasId() ? info.getId().getValue() : null;
        }), () -> {
            LoggingControl control = logging;
            return control == null ? Optional.empty() : control.logFile();
        });
    }

    @Deactivate
    void stop() {
        files.close();
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/api/v1", this::handle), Route.exact("/slave(1)/api/v1", this::handle),
                Route.exact("/health", this::health), Route.exact("/slave(1)/health", this::health),
                Route.exact("/monitor/statistics", this::monitor), Route.exact("/monitor/statistics.json", this::monitor),
                Route.exact("/slave(1)/monitor/statistics", this::monitor));
    }

    private void health(HttpServerRequest request, Buffer body) {
        if (Replies.requireMethod(request, HttpMethod.GET, HttpMethod.HEAD)) {
            request.response().setStatusCode(200).end();
        }
    }

    private void handle(HttpServerRequest request, Buffer body) {
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> call) {
        switch (call.call().getType()) {
            case GET_HEALTH -> ApiCalls.ok(call, Response.newBuilder().setType(Response.Type.GET_HEALTH)
                    .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build());
            case GET_VERSION -> ApiCalls.ok(call, Response.newBuilder().setType(Response.Type.GET_VERSION)
                    .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(VersionInfo.newBuilder()
                            .setVersion(Agent.MESOS_VERSION).setBuildUser("osmos")
                            .setGitTag("osmos-" + agent.osmosVersion())))
                    .build());
            case GET_FLAGS -> ApiCalls.ok(call, flags());
            case GET_LOGGING_LEVEL -> ApiCalls.ok(call, Response.newBuilder().setType(Response.Type.GET_LOGGING_LEVEL)
                    .setGetLoggingLevel(Response.GetLoggingLevel.newBuilder().setLevel(verbosity())).build());
            case SET_LOGGING_LEVEL -> setLoggingLevel(call);
            case GET_CONTAINERS -> statistics.getContainers(call.call().getGetContainers().getShowNested())
                    .whenComplete((response, error) -> answer(call,
                    new NestedContainers.Answer(error == null ? 200 : 503, response,
                            error == null ? null : "Cannot read the containers: " + error.getMessage())));
            case LAUNCH_CONTAINER -> required(call, call.call().hasLaunchContainer(), "launch_container",
                    () -> nested.launch(call.call().getLaunchContainer()));
            case WAIT_CONTAINER -> required(call, call.call().hasWaitContainer(), "wait_container",
                    () -> nested.await(call.call().getWaitContainer().getContainerId()));
            case KILL_CONTAINER -> required(call, call.call().hasKillContainer(), "kill_container",
                    () -> nested.kill(call.call().getKillContainer()));
            case LIST_FILES -> required(call, call.call().hasListFiles(), "list_files",
                    () -> files.list(call.call().getListFiles().getPath()));
            case READ_FILE -> required(call, call.call().hasReadFile(), "read_file", () -> {
                Call.ReadFile read = call.call().getReadFile();
                return files.read(read.getPath(), read.getOffset(),
                        read.hasLength() ? Optional.of(read.getLength()) : Optional.empty());
            });
            case UNKNOWN -> Replies.error(call.request(), 501, "Unknown call type");
            default -> Replies.error(call.request(), 501,
                    "Call type " + call.call().getType() + " is not served by this Osmos agent yet");
        }
    }

    private int verbosity() {
        LoggingControl control = logging;
        return control == null ? 0 : control.verbosity();
    }

    /** Mesos' SET_LOGGING_LEVEL: the level for the duration, then back to 0; 200 with no body. */
    private void setLoggingLevel(ApiCall<Call> call) {
        if (!call.call().hasSetLoggingLevel()) {
            Replies.badRequest(call.request(), "Failed to validate agent::Call: Expecting 'set_logging_level' to be present");
            return;
        }
        Call.SetLoggingLevel set = call.call().getSetLoggingLevel();
        long nanos = set.getDuration().getNanoseconds();
        if (nanos <= 0) {
            Replies.badRequest(call.request(), "Failed to validate agent::Call: 'set_logging_level.duration' must be"
                    + " positive, got " + nanos + " nanoseconds");
            return;
        }
        LoggingControl control = logging;
        if (control == null) {
            Replies.error(call.request(), 503, "Logging control is not available");
            return;
        }
        // uint32 on the wire: a level above 2^31 is simply the most verbose.
        control.setVerbosity((int) Math.min(Integer.toUnsignedLong(set.getLevel()), Integer.MAX_VALUE),
                Duration.ofNanos(nanos));
        call.request().response().setStatusCode(200).end();
    }

    private void required(ApiCall<Call> call, boolean present, String field,
            java.util.function.Supplier<java.util.concurrent.CompletableFuture<NestedContainers.Answer>> handler) {
        if (!present) {
            Replies.badRequest(call.request(), "Failed to validate agent::Call: Expecting '" + field + "' to be present");
            return;
        }
        handler.get().whenComplete((answer, error) -> answer(call, error == null ? answer
                : new NestedContainers.Answer(503, null, "The agent cannot serve the call: " + error.getMessage())));
    }

    private static void answer(ApiCall<Call> call, NestedContainers.Answer answer) {
        if (answer.error() != null) {
            Replies.error(call.request(), answer.status(), answer.error());
        } else if (answer.response() != null) {
            ApiCalls.ok(call, answer.response());
        } else {
            call.request().response().setStatusCode(answer.status()).end();
        }
    }

    private void monitor(HttpServerRequest request, Buffer body) {
        if (!Replies.requireMethod(request, HttpMethod.GET)) {
            return;
        }
        statistics.executors().whenComplete((entries, error) -> {
            if (error != null) {
                Replies.error(request, 503, "Cannot read the containers: " + error.getMessage());
                return;
            }
            request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(MonitorJson.write(entries)));
        });
    }

    private Response flags() {
        Response.GetFlags.Builder flags = Response.GetFlags.newBuilder();
        for (Map.Entry<String, String> flag : agent.flags().entrySet()) {
            flags.addFlags(Flag.newBuilder().setName(flag.getKey()).setValue(flag.getValue()));
        }
        return Response.newBuilder().setType(Response.Type.GET_FLAGS).setGetFlags(flags).build();
    }
}
