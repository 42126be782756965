package io.osmos.http.api;

import io.osmos.http.codec.MediaType;
import io.vertx.core.http.HttpServerRequest;

/** A decoded Mesos API call together with the encoding its response must use. */
public record ApiCall<T>(HttpServerRequest request, T call, MediaType responseType) {
}
