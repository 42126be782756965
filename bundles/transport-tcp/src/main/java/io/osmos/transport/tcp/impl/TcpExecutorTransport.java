package io.osmos.transport.tcp.impl;

import java.util.List;
import java.util.Map;

import io.osmos.agent.api.ExecutorEndpoint;
import io.osmos.api.executor.ExecutorTransport;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Route;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Executors reach the agent over TCP: the executor API is served on the agent's HTTP server, and
 * executors find it through {@code MESOS_AGENT_ENDPOINT}. Stopping this bundle takes the routes
 * away; executors reconnect once a transport is back.
 */
@Component(service = {ExecutorTransport.class, HttpRoutes.class},
        property = {HttpRoutes.SERVER + "=agent", ExecutorTransport.NAME + "=tcp"})
public final class TcpExecutorTransport implements ExecutorTransport, HttpRoutes {

    private final ExecutorEndpoint endpoint;

    @Activate
    public TcpExecutorTransport(@Reference ExecutorEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Map<String, String> executorEnvironment() {
        return Map.of("MESOS_AGENT_ENDPOINT", endpoint.agentAddress());
    }

    /** Executors connected over TCP notice the transport is gone and re-subscribe once it is back. */
    @Deactivate
    void stop() {
        endpoint.disconnect(false);
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/api/v1/executor", endpoint), Route.exact("/slave(1)/api/v1/executor", endpoint));
    }
}
