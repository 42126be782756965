package io.osmos.master.impl;

import java.util.List;
import java.util.UUID;

import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.proto.v1.scheduler.Call;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The v1 Scheduler API at {@code /api/v1/scheduler} (and {@code /master/api/v1/scheduler}). */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class SchedulerApi implements HttpRoutes {

    static final String STREAM_ID = "Mesos-Stream-Id";
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerApi.class);

    private final Master master;

    @Activate
    public SchedulerApi(@Reference Master master) {
        this.master = master;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/api/v1/scheduler", this::handle),
                Route.exact("/master/api/v1/scheduler", this::handle));
    }

    private void handle(HttpServerRequest request, Buffer body) {
        if (!master.recovered()) {
            Replies.error(request, 503, MasterRecovery.NOT_RECOVERED);
            return;
        }
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> apiCall) {
        Call call = apiCall.call();
        HttpServerRequest request = apiCall.request();
        String problem = CallValidation.validate(call);
        if (problem != null) {
            Replies.badRequest(request, "Failed to validate scheduler::Call: " + problem);
            return;
        }
        String streamId = request.getHeader(STREAM_ID);
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (streamId != null) {
                Replies.badRequest(request, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
                return;
            }
            subscribe(apiCall);
            return;
        }
        if (streamId == null) {
            Replies.badRequest(request, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            return;
        }
        master.loop().submit(() -> call(call, streamId))
                .whenComplete((result, error) -> CallResult.reply(request, call.getType().name(), result, error));
    }

    private CallResult call(Call call, String streamId) {
        FrameworkRecord framework = master.cluster().framework(call.getFrameworkId().getValue());
        if (framework == null) {
            return CallResult.badRequest("Framework cannot be found");
        }
        if (!framework.connected()) {
            return CallResult.forbidden("Framework is not subscribed");
        }
        if (!framework.stream.streamId().equals(streamId)) {
            return CallResult.badRequest("The stream ID '" + streamId + "' included in this request didn't match"
                    + " the stream ID currently associated with framework ID " + framework.id());
        }
        return master.calls().handle(framework, call);
    }

    private void subscribe(ApiCall<Call> apiCall) {
        Call.Subscribe subscribe = apiCall.call().getSubscribe();
        String problem = Subscriptions.invalid(subscribe.getFrameworkInfo(), subscribe.getSuppressedRolesList());
        HttpServerRequest request = apiCall.request();
        if (problem != null) {
            Replies.badRequest(request, "Failed to validate scheduler::Call: " + problem);
            return;
        }
        String streamId = UUID.randomUUID().toString();
        request.response().putHeader(STREAM_ID, streamId);
        SchedulerStream stream = new SchedulerStream(streamId, new RecordIOStream(request, apiCall.responseType()));
        master.loop().submit(() -> master.subscriptions().subscribe(subscribe.getFrameworkInfo(),
                subscribe.getSuppressedRolesList(), stream)).whenComplete((framework, error) -> {
                    if (error != null) {
                        LOG.error("SUBSCRIBE failed", error);
                        stream.close();
                        return;
                    }
                    stream.onClose(() -> master.loop().execute(() -> master.subscriptions().disconnected(framework, stream)));
                });
    }
}
