package io.osmos.master.impl;

import io.osmos.http.api.Replies;
import io.vertx.core.http.HttpServerRequest;

/** How a call ended, as an HTTP status and, for errors, Mesos' message. */
record CallResult(int status, String message) {

    static final CallResult ACCEPTED = new CallResult(202, "");
    static final CallResult OK = new CallResult(200, "");

    static CallResult badRequest(String message) {
        return new CallResult(400, message);
    }

    static CallResult forbidden(String message) {
        return new CallResult(403, message);
    }

    /** Answers the request with the outcome of a call handled on the master loop. */
    static void reply(HttpServerRequest request, String callType, CallResult result, Throwable error) {
        if (error != null) {
            Replies.error(request, 500, "Failed to handle " + callType + ": " + error.getMessage());
        } else if (result.status() >= 300) {
            Replies.error(request, result.status(), result.message());
        } else {
            request.response().setStatusCode(result.status()).end();
        }
    }
}
