package io.osmos.http.impl;

import java.util.Optional;
import java.util.function.Supplier;

import io.osmos.http.api.Replies;
import io.osmos.http.api.RequestBodies;
import io.osmos.http.api.Route;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body within the size limit, then hands it to the route serving its path.
 * A handler that throws gets a 500 with the message logged, never a hung connection.
 */
final class RequestDispatcher implements Handler<HttpServerRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final String serverName;
    private final Supplier<RouteTable> routes;
    private final long maxBodySize;

    RequestDispatcher(String serverName, Supplier<RouteTable> routes, long maxBodySize) {
        this.serverName = serverName;
        this.routes = routes;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Optional<Route> route = routes.get().find(request.path());
        if (route.isEmpty()) {
            request.resume();
            Replies.error(request, 404, "No route for " + request.path());
            return;
        }
        request.exceptionHandler(e -> LOG.debug("Request {} on '{}' failed: {}", request.path(), serverName, e.toString()));
        RequestBodies.read(request, maxBodySize, (r, body) -> dispatch(route.get(), r, body));
    }

    private void dispatch(Route route, HttpServerRequest request, Buffer body) {
        if (request.response().ended()) {
            return;
        }
        try {
            route.handler().handle(request, body);
        } catch (RuntimeException e) {
            LOG.error("Handler for {} on '{}' failed", request.path(), serverName, e);
            Replies.error(request, 500, "Internal error: " + e.getMessage());
        }
    }
}
