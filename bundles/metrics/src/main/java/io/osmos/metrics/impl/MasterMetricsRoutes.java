package io.osmos.metrics.impl;

import java.util.List;

import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Route;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The master's {@code /metrics/snapshot}, {@code /master/metrics/snapshot} and {@code /metrics}. */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class MasterMetricsRoutes implements HttpRoutes {

    private final List<Route> routes;

    @Activate
    public MasterMetricsRoutes(@Reference MetricSource source) {
        this.routes = new MetricsRoutes(source, List.of("/metrics/snapshot", "/master/metrics/snapshot")).routes();
    }

    @Override
    public List<Route> routes() {
        return routes;
    }
}
