package io.osmos.http.api;

import java.util.function.BiConsumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body in full within a size limit, then hands it on; an oversize body gets 413
 * and the connection is closed. For servers of their own (such as a transport's socket) that want
 * the same rules as the role servers.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static void read(HttpServerRequest request, long maxBytes, BiConsumer<HttpServerRequest, Buffer> then) {
        String length = request.getHeader("Content-Length");
        if (length != null && parse(length) > maxBytes) {
            reject(request, maxBytes);
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                reject(request, maxBytes);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (!request.response().ended()) {
                then.accept(request, body);
            }
        });
    }

    private static void reject(HttpServerRequest request, long maxBytes) {
        if (!request.response().ended()) {
            request.response().putHeader("Connection", "close");
            Replies.error(request, 413, "Request body exceeds the limit of " + maxBytes + " bytes");
            request.connection().close();
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
