package io.osmos.metrics.impl;

import java.util.ArrayList;
import java.util.List;

import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** The metrics endpoints of one server: Mesos' JSON snapshot under each given path, and Prometheus' {@code /metrics}. */
final class MetricsRoutes {

    static final String PROMETHEUS_PATH = "/metrics";

    private final MetricSource source;
    private final List<String> snapshotPaths;

    MetricsRoutes(MetricSource source, List<String> snapshotPaths) {
        this.source = source;
        this.snapshotPaths = List.copyOf(snapshotPaths);
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        snapshotPaths.forEach(path -> routes.add(Route.exact(path, this::snapshot)));
        routes.add(Route.exact(PROMETHEUS_PATH, this::prometheus));
        return List.copyOf(routes);
    }

    void snapshot(HttpServerRequest request, Buffer body) {
        if (!Replies.requireMethod(request, HttpMethod.GET)) {
            return;
        }
        String timeout = request.getParam("timeout");
        if (timeout != null) {
            // Gauges are read synchronously here, so a timeout has nothing to bound; it is only checked.
            try {
                MesosDuration.parse(timeout);
            } catch (IllegalArgumentException e) {
                Replies.badRequest(request, "Invalid timeout '" + timeout + "': " + e.getMessage() + ".\n");
                return;
            }
        }
        byte[] json = SnapshotJson.write(source.samples());
        request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(json));
    }

    void prometheus(HttpServerRequest request, Buffer body) {
        if (!Replies.requireMethod(request, HttpMethod.GET)) {
            return;
        }
        request.response().setStatusCode(200).putHeader("Content-Type", PrometheusText.CONTENT_TYPE)
                .end(PrometheusText.write(source.samples()));
    }
}
