package io.osmos.master.operator.impl;

import java.util.List;

import io.osmos.api.logging.LoggingControl;
import io.osmos.api.metrics.Metrics;
import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.http.codec.ContentNegotiation;
import io.osmos.master.api.CallOutcome;
import io.osmos.master.api.OperatorService;
import io.osmos.proto.v1.Metric;
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
 * The v1 master Operator API at {@code /api/v1} (and {@code /master/api/v1}): the wire, GET_METRICS
 * and the logging and file calls here; reads, writes and event streams in the master core behind
 * {@link OperatorService}.
 */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class OperatorApi implements HttpRoutes {

    private final OperatorService master;
    // Metrics may come and go (bundle update) without taking the Operator API down with them.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Metrics metrics;
    // So may logging control: without it the level is 0 and there is no /master/log.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LoggingControl logging;
    private final LoggingCalls loggingCalls = new LoggingCalls(() -> logging);

    @Activate
    public OperatorApi(@Reference OperatorService master) {
        this.master = master;
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
            Replies.error(request, CallOutcome.NOT_RECOVERED.status(), CallOutcome.NOT_RECOVERED.message());
            return;
        }
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> call) {
        Call.Type type = call.call().getType();
        if (master.reads(type)) {
            master.read(type, call.responseType()).whenComplete((bytes, error) -> {
                if (error != null) {
                    unavailable(call, error);
                } else {
                    ApiCalls.okEncoded(call, bytes);
                }
            });
        } else if (master.writes(type)) {
            master.write(call.call()).whenComplete((outcome, error) -> reply(call, outcome, error));
        } else {
            switch (type) {
                case GET_METRICS -> ApiCalls.okEncoded(call, ContentNegotiation.encode(call.responseType(), metrics()));
                case SUBSCRIBE -> master.subscribe(new RecordIOStream(call.request(), call.responseType()))
                        .whenComplete((done, error) -> {
                            if (error != null) {
                                unavailable(call, error);
                            }
                        });
                case GET_LOGGING_LEVEL, SET_LOGGING_LEVEL, LIST_FILES, READ_FILE -> loggingCalls.handle(call);
                case UNKNOWN -> Replies.error(call.request(), 501, "Unknown call type");
                default -> Replies.error(call.request(), 501,
                        "Call type " + type + " is not served by this Osmos master yet");
            }
        }
    }

    /** GET_METRICS: every registered metric; none while no metrics registry runs. */
    private Response metrics() {
        Response.GetMetrics.Builder answer = Response.GetMetrics.newBuilder();
        Metrics registry = metrics;
        if (registry != null) {
            registry.snapshot().forEach((name, value) -> answer.addMetrics(Metric.newBuilder().setName(name).setValue(value)));
        }
        return Response.newBuilder().setType(Response.Type.GET_METRICS).setGetMetrics(answer).build();
    }

    private static void reply(ApiCall<Call> call, CallOutcome outcome, Throwable error) {
        if (error != null) {
            unavailable(call, error);
        } else if (outcome.isError()) {
            Replies.error(call.request(), outcome.status(), outcome.message());
        } else {
            call.request().response().setStatusCode(outcome.status()).end();
        }
    }

    private static void unavailable(ApiCall<Call> call, Throwable error) {
        while (error.getCause() != null) {
            error = error.getCause();
        }
        if (!call.request().response().headWritten()) {
            Replies.error(call.request(), 503, "The master cannot answer right now: " + error.getMessage());
        }
    }
}
