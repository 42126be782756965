package io.osmos.agent.api;

import io.osmos.http.api.RouteHandler;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's v1 Executor API ({@code POST /api/v1/executor}). Executor transports (TCP, Unix
 * domain socket, ...) serve it wherever they listen; requests behave the same on all of them.
 */
@ProviderType
public interface ExecutorEndpoint extends RouteHandler {

    /** {@code host:port} of the agent's HTTP server, for executors that reach it over TCP. */
    String agentAddress();

    /**
     * Ends the event streams of the executors subscribed over TCP ({@code domainSocket} false) or
     * over a domain socket (true). A transport that goes away calls it, so its executors notice and
     * re-subscribe through whatever transport is there.
     */
    void disconnect(boolean domainSocket);
}
