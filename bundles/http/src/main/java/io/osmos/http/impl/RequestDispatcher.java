package io.osmos.http.impl;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.osmos.http.api.Replies;
import io.osmos.http.api.RequestBodies;
import io.osmos.http.api.Route;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body within the size limit, then hands it to the route serving its path.
 * A handler that throws gets a 500 with the message logged, never a hung connection. A request for
 * a route that is being handed over (see {@link DepartedRoutes}) waits for the successor; if none
 * comes in time it gets 503, as for a service that is momentarily unavailable.
 */
final class RequestDispatcher implements Handler<HttpServerRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final long HANDOVER_POLL_MILLIS = 5;

    private final String serverName;
    private final Supplier<RouteTable> routes;
    private final long maxBodySize;
    private final DepartedRoutes departed;
    private final Vertx vertx;

    RequestDispatcher(String serverName, Supplier<RouteTable> routes, long maxBodySize, DepartedRoutes departed,
            Vertx vertx) {
        this.serverName = serverName;
        this.routes = routes;
        this.maxBodySize = maxBodySize;
        this.departed = departed;
        this.vertx = vertx;
    }

    @Override
    public void handle(HttpServerRequest request) {
        Optional<Route> route = routes.get().find(request.path());
        request.exceptionHandler(e -> LOG.debug("Request {} on '{}' failed: {}", request.path(), serverName, e.toString()));
        if (route.isPresent()) {
            RequestBodies.read(request, maxBodySize, (r, body) -> dispatch(route.get(), r, body));
            return;
        }
        OptionalLong handoverEnd = departed.handoverEnd(request.path());
        if (handoverEnd.isEmpty()) {
            request.resume();
            Replies.error(request, 404, "No route for " + request.path());
            return;
        }
        RequestBodies.read(request, maxBodySize, (r, body) -> awaitSuccessor(r, body, handoverEnd.getAsLong()));
    }

    private void awaitSuccessor(HttpServerRequest request, Buffer body, long handoverEnd) {
        Optional<Route> route = routes.get().find(request.path());
        if (route.isPresent()) {
            dispatch(route.get(), request, body);
        } else if (request.response().closed()) {
            LOG.debug("Request {} on '{}' closed while its route was handed over", request.path(), serverName);
        } else if (handoverEnd - System.nanoTime() > 0) {
            vertx.setTimer(HANDOVER_POLL_MILLIS, timer -> awaitSuccessor(request, body, handoverEnd));
        } else {
            Replies.error(request, 503, "The module serving " + request.path() + " is being updated and is not back yet");
        }
    }

    private void dispatch(Route route, HttpServerRequest request, Buffer body) {
        if (request.response().ended() || request.response().closed()) {
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
