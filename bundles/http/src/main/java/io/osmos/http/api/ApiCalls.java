package io.osmos.http.api;

import java.util.Optional;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

import io.osmos.http.codec.BadRequestException;
import io.osmos.http.codec.ContentNegotiation;
import io.osmos.http.codec.MediaType;
import io.osmos.http.codec.RecordIO;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The front half of every Mesos v1 API endpoint: method, Content-Type, Accept and body checks
 * with Mesos' status codes and messages, then the typed call; and the replies that follow.
 */
public final class ApiCalls {

    private ApiCalls() {
    }

    /**
     * Decodes a POSTed call, or answers the request with the Mesos error (405, 400, 415, 406)
     * and returns empty.
     */
    public static <T extends Message> Optional<ApiCall<T>> read(HttpServerRequest request, Buffer body,
            T prototype) {
        if (!Replies.requireMethod(request, HttpMethod.POST)) {
            return Optional.empty();
        }
        Optional<MediaType> requestType = requestType(request);
        if (requestType.isEmpty()) {
            return Optional.empty();
        }
        Optional<MediaType> responseType = ContentNegotiation.responseType(request.getHeader("Accept"));
        if (responseType.isEmpty()) {
            Replies.error(request, 406, ContentNegotiation.NOT_ACCEPTABLE);
            return Optional.empty();
        }
        try {
            T call = ContentNegotiation.decode(requestType.get(), body.getBytes(), prototype);
            return Optional.of(new ApiCall<>(request, call, responseType.get()));
        } catch (BadRequestException e) {
            Replies.badRequest(request, "Failed to parse body into " + prototype.getDescriptorForType().getFullName()
                    + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Replies 200 with the message in the negotiated encoding. */
    public static void ok(ApiCall<?> call, MessageOrBuilder response) {
        reply(call.request(), 200, call.responseType(), response);
    }

    /** Replies 200 with a response already encoded in the negotiated encoding. */
    public static void okEncoded(ApiCall<?> call, byte[] encoded) {
        HttpServerRequest request = call.request();
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        request.response().setStatusCode(200).putHeader("Content-Type", call.responseType().value())
                .end(Buffer.buffer(encoded));
    }

    /** Replies 202 Accepted with an empty body, as Mesos does for calls answered asynchronously. */
    public static void accepted(ApiCall<?> call) {
        call.request().response().setStatusCode(202).end();
    }

    public static void reply(HttpServerRequest request, int status, MediaType type, MessageOrBuilder message) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        request.response().setStatusCode(status).putHeader("Content-Type", type.value())
                .end(Buffer.buffer(ContentNegotiation.encode(type, message)));
    }

    /** Starts a chunked RecordIO stream: Content-Type is the record encoding, as Mesos sends it. */
    public static void startStream(HttpServerRequest request, MediaType type) {
        // Streams are never compressed (Mesos does not; a gzip stream would hold records back).
        request.response().setStatusCode(200).setChunked(true).putHeader("Content-Type", type.value())
                .putHeader("Content-Encoding", "identity");
    }

    /** Writes one RecordIO record; false when the stream is already closed. */
    public static boolean writeRecord(HttpServerRequest request, MediaType type, MessageOrBuilder record) {
        if (request.response().ended() || request.response().closed()) {
            return false;
        }
        request.response().write(Buffer.buffer(RecordIO.frame(ContentNegotiation.encode(type, record))));
        return true;
    }

    private static Optional<MediaType> requestType(HttpServerRequest request) {
        ContentNegotiation.RequestType type = ContentNegotiation.requestType(request.getHeader("Content-Type"));
        if (type.mediaType().isPresent()) {
            return type.mediaType();
        }
        if (type.isMissing()) {
            Replies.badRequest(request, ContentNegotiation.MISSING_CONTENT_TYPE);
        } else {
            Replies.error(request, 415, ContentNegotiation.UNSUPPORTED_CONTENT_TYPE);
        }
        return Optional.empty();
    }
}
