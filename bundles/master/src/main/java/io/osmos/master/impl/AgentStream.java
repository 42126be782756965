package io.osmos.master.impl;

import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.internal.AgentEvent;

/** The open event stream of one connected agent. */
final class AgentStream {

    private final String agentId;
    private final String streamId;
    private final RecordIOStream stream;

    AgentStream(String agentId, String streamId, RecordIOStream stream) {
        this.agentId = agentId;
        this.streamId = streamId;
        this.stream = stream;
    }

    String agentId() {
        return agentId;
    }

    String streamId() {
        return streamId;
    }

    /** Sends one event; false when the stream has closed meanwhile. */
    boolean send(AgentEvent event) {
        return stream.send(event);
    }

    void onClose(Runnable action) {
        stream.onClose(action);
    }

    void close() {
        stream.close();
    }
}
