package io.osmos.master.impl;

import io.osmos.http.api.ApiCalls;
import io.osmos.http.codec.MediaType;
import io.osmos.proto.internal.AgentEvent;
import io.vertx.core.http.HttpServerRequest;

/** The open event stream of one connected agent. */
final class AgentStream {

    private final String agentId;
    private final String streamId;
    private final HttpServerRequest request;
    private final MediaType type;

    AgentStream(String agentId, String streamId, HttpServerRequest request, MediaType type) {
        this.agentId = agentId;
        this.streamId = streamId;
        this.request = request;
        this.type = type;
    }

    String agentId() {
        return agentId;
    }

    String streamId() {
        return streamId;
    }

    /** Sends one event; false when the stream has closed meanwhile. */
    boolean send(AgentEvent event) {
        return ApiCalls.writeRecord(request, type, event);
    }

    void close() {
        if (!request.response().ended() && !request.response().closed()) {
            request.response().end();
        }
    }
}
