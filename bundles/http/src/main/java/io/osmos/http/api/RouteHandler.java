package io.osmos.http.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles a request whose body has been read in full (within the server's size limit).
 * Called on a Vert.x event loop: it must not block; long work goes to the handler's own threads,
 * which may then complete the response.
 */
@ConsumerType
@FunctionalInterface
public interface RouteHandler {

    void handle(HttpServerRequest request, Buffer body);
}
