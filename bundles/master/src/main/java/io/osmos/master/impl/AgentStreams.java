package io.osmos.master.impl;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The current stream of every connected agent, so master components can reach an agent. */
final class AgentStreams {

    private final Map<String, AgentStream> byAgent = new ConcurrentHashMap<>();

    /** Makes the stream current for its agent and closes the one it replaces, if any. */
    void open(AgentStream stream) {
        AgentStream previous = byAgent.put(stream.agentId(), stream);
        if (previous != null && previous != stream) {
            previous.close();
        }
    }

    /** Forgets the stream if it is still the agent's current one; true if it was. */
    boolean closed(AgentStream stream) {
        return byAgent.remove(stream.agentId(), stream);
    }

    Optional<AgentStream> of(String agentId) {
        return Optional.ofNullable(byAgent.get(agentId));
    }

    Collection<AgentStream> all() {
        return List.copyOf(byAgent.values());
    }

    void closeAll() {
        all().forEach(AgentStream::close);
        byAgent.clear();
    }
}
