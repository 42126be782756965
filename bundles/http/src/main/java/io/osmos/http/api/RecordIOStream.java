package io.osmos.http.api;

import com.google.protobuf.MessageOrBuilder;

import io.osmos.http.codec.MediaType;
import io.vertx.core.http.HttpServerRequest;

/**
 * The server side of a Mesos event stream: a chunked 200 response carrying one RecordIO record
 * per event, in the encoding the client accepted. Safe to use from any thread.
 */
public final class RecordIOStream {

    private final HttpServerRequest request;
    private final MediaType type;

    /** Starts the response; headers set on the request's response before this call go out with it. */
    public RecordIOStream(HttpServerRequest request, MediaType type) {
        this.request = request;
        this.type = type;
        ApiCalls.startStream(request, type);
    }

    public boolean isOpen() {
        return !request.response().ended() && !request.response().closed();
    }

    /** Sends one event; false when the stream has closed. */
    public boolean send(MessageOrBuilder event) {
        return ApiCalls.writeRecord(request, type, event);
    }

    /** The encoding of this stream's records. */
    public MediaType type() {
        return type;
    }

    /** Sends one record already encoded in {@link #type()}; false when the stream has closed. */
    public boolean sendEncoded(byte[] record) {
        if (!isOpen()) {
            return false;
        }
        request.response().write(io.vertx.core.buffer.Buffer.buffer(io.osmos.http.codec.RecordIO.frame(record)));
        return true;
    }

    /** Runs once the client or the network closes the stream. */
    public void onClose(Runnable action) {
        request.response().closeHandler(v -> action.run());
        if (request.response().closed()) {
            action.run();
        }
    }

    public void close() {
        if (isOpen()) {
            request.response().end();
        }
    }
}
