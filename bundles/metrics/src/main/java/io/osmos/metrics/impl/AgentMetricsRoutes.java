package io.osmos.metrics.impl;

import java.util.List;

import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Route;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The agent's {@code /metrics/snapshot}, {@code /slave(1)/metrics/snapshot} and {@code /metrics}. */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=agent")
public final class AgentMetricsRoutes implements HttpRoutes {

    private final List<Route> routes;

    @Activate
    public AgentMetricsRoutes(@Reference MetricSource source) {
        this.routes = new MetricsRoutes(source, List.of("/metrics/snapshot", "/slave(1)/metrics/snapshot")).routes();
    }

    @Override
    public List<Route> routes() {
        return routes;
    }
}
