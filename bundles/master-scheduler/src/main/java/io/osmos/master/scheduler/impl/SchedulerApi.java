package io.osmos.master.scheduler.impl;

import java.util.List;

import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.master.api.CallOutcome;
import io.osmos.master.api.SchedulerService;
import io.osmos.proto.v1.scheduler.Call;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 Scheduler API at {@code /api/v1/scheduler} (and {@code /master/api/v1/scheduler}): the
 * wire (decoding, content negotiation, the Mesos-Stream-Id rules, status codes); the master core
 * behind {@link SchedulerService} does the rest and keeps the framework streams.
 */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class SchedulerApi implements HttpRoutes {

    static final String STREAM_ID = "Mesos-Stream-Id";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerApi.class);

    private final SchedulerService master;

    @Activate
    public SchedulerApi(@Reference SchedulerService master) {
        this.master = master;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/api/v1/scheduler", this::handle),
                Route.exact("/master/api/v1/scheduler", this::handle));
    }

    private void handle(HttpServerRequest request, Buffer body) {
        if (!master.recovered()) {
            Replies.error(request, CallOutcome.NOT_RECOVERED.status(), CallOutcome.NOT_RECOVERED.message());
            return;
        }
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> apiCall) {
        Call call = apiCall.call();
        HttpServerRequest request = apiCall.request();
        String streamId = request.getHeader(STREAM_ID);
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (streamId != null) {
                Replies.badRequest(request, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
                return;
            }
            subscribe(apiCall);
            return;
        }
        master.call(call, streamId).whenComplete((outcome, error) -> reply(request, call.getType().name(), outcome, error));
    }

    private void subscribe(ApiCall<Call> apiCall) {
        HttpServerRequest request = apiCall.request();
        master.subscribe(apiCall.call(), streamId -> {
            request.response().putHeader(STREAM_ID, streamId);
            return new RecordIOStream(request, apiCall.responseType());
        }).whenComplete((outcome, error) -> {
            if (error != null) {
                LOG.error("SUBSCRIBE failed", error);
            }
            // A subscribed framework's stream is open and belongs to the master: only failures are answered.
            if ((error != null || outcome.isError()) && !request.response().headWritten()) {
                reply(request, "SUBSCRIBE", outcome, error);
            }
        });
    }

    private static void reply(HttpServerRequest request, String callType, CallOutcome outcome, Throwable error) {
        if (error != null) {
            Replies.error(request, 503, "The master cannot handle " + callType + " now: " + rootMessage(error));
        } else if (outcome.isError()) {
            Replies.error(request, outcome.status(), outcome.message());
        } else {
            request.response().setStatusCode(outcome.status()).end();
        }
    }

    private static String rootMessage(Throwable error) {
        while (error.getCause() != null) {
            error = error.getCause();
        }
        return String.valueOf(error.getMessage());
    }
}
