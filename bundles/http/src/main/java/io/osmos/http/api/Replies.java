package io.osmos.http.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** Mesos-style plain-text error replies and the checks that produce them. */
public final class Replies {

    private Replies() {
    }

    /** Ends the request with a status and a plain-text message body, as Mesos does for errors. */
    public static void error(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }

    public static void badRequest(HttpServerRequest request, String message) {
        error(request, 400, message);
    }

    /**
     * Answers 405 with an {@code Allow} header unless the request uses one of the allowed methods.
     *
     * @return true when the method is allowed and the caller should go on
     */
    public static boolean requireMethod(HttpServerRequest request, HttpMethod... allowed) {
        StringBuilder allow = new StringBuilder();
        for (HttpMethod method : allowed) {
            if (method.equals(request.method())) {
                return true;
            }
            allow.append(allow.length() == 0 ? "" : ", ").append(method.name());
        }
        request.response().putHeader("Allow", allow.toString());
        error(request, 405, "Expecting one of { '" + allow.toString().replace(", ", "', '")
                + "' }, but received '" + request.method().name() + "'");
        return false;
    }
}
