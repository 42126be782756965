package io.osmos.master.impl;

import java.util.List;

import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /health}: 200 while the master component is active, as Mesos' health endpoint. */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class HealthRoutes implements HttpRoutes {

    @Activate
    public HealthRoutes(@Reference Master master) {
        // The reference alone matters: no master, no health route, so /health answers 404.
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact("/health", this::handle), Route.exact("/master/health", this::handle));
    }

    private void handle(HttpServerRequest request, Buffer body) {
        if (Replies.requireMethod(request, HttpMethod.GET, HttpMethod.HEAD)) {
            request.response().setStatusCode(200).end();
        }
    }
}
