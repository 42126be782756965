package io.osmos.master.impl;

import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.internal.AgentEvent;

/**
 * The open event stream of one connected agent. It is made current as soon as the agent is
 * (re-)registered, so that nothing the master sends it meanwhile (a launch on an offer accepted
 * right then) is lost, but holds those events until SUBSCRIBED went first ({@link #release}).
 */
final class AgentStream {

    private final String agentId;
    private final String streamId;
    private final RecordIOStream stream;
    /** Events sent before SUBSCRIBED; null once released. */
    private java.util.List<AgentEvent> held;

    AgentStream(String agentId, String streamId, RecordIOStream stream) {
        this.agentId = agentId;
        this.streamId = streamId;
        this.stream = stream;
    }

    /** A stream that holds what is sent until {@link #release}. */
    static AgentStream held(String agentId, String streamId, RecordIOStream stream) {
        AgentStream held = new AgentStream(agentId, streamId, stream);
        held.held = new java.util.ArrayList<>();
        return held;
    }

    String agentId() {
        return agentId;
    }

    String streamId() {
        return streamId;
    }

    /** Sends one event (or holds it until {@link #release}); false when the stream has closed meanwhile. */
    synchronized boolean send(AgentEvent event) {
        if (held != null) {
            held.add(event);
            return true;
        }
        return stream.send(event);
    }

    /** Sends {@code first} (SUBSCRIBED), then what was held. */
    synchronized void release(AgentEvent first) {
        java.util.List<AgentEvent> waiting = held == null ? java.util.List.of() : held;
        held = null;
        stream.send(first);
        waiting.forEach(stream::send);
    }

    void onClose(Runnable action) {
        stream.onClose(action);
    }

    void close() {
        stream.close();
    }
}
