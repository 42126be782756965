package io.osmos.master.impl;

import java.util.List;

import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.proto.v1.master.Call;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The v1 master Operator API at {@code /api/v1} (and {@code /master/api/v1}). */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class OperatorApi implements HttpRoutes {

    private final Master master;
    private final OperatorResponses responses;

    @Activate
    public OperatorApi(@Reference Master master) {
        this.master = master;
        this.responses = new OperatorResponses(master);
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/api/v1", this::handle), Route.exact("/master/api/v1", this::handle));
    }

    private void handle(HttpServerRequest request, Buffer body) {
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> call) {
        switch (call.call().getType()) {
            case GET_HEALTH -> ApiCalls.ok(call, responses.health());
            case GET_VERSION -> ApiCalls.ok(call, responses.version());
            case GET_FLAGS -> ApiCalls.ok(call, responses.flags());
            case GET_AGENTS -> master.loop().submit(responses::agents).whenComplete((response, error) -> {
                if (error != null) {
                    Replies.error(call.request(), 503, "The master is not available: " + error.getMessage());
                } else {
                    ApiCalls.ok(call, response);
                }
            });
            case UNKNOWN -> Replies.error(call.request(), 501, "Unknown call type");
            default -> Replies.error(call.request(), 501,
                    "Call type " + call.call().getType() + " is not served by this Osmos master yet");
        }
    }
}
