package io.osmos.executor;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A minimal HTTP/1.1 client for one of the agent's APIs (the executor API, or the Operator API for
 * nested containers) over TCP or a Unix domain socket: one protobuf POST per connection. Blocking channel reads have no timeout of their own, so a timer
 * closes the channel when the agent takes too long, which aborts the blocked call.
 */
final class AgentHttp {

    static final String PROTOBUF = "application/x-protobuf";
    private static final int MAX_SHORT_BODY = 1 << 20;

    /** A complete response to a short call. */
    static final class Response {
        final int status;
        final byte[] body;

        Response(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A response whose body is read as it arrives; closing it from any thread ends the reading. */
    static final class Stream implements Closeable {
        final HttpResponseReader.Head head;
        private final SocketChannel channel;
        private final HttpResponseReader reader;
        private final ScheduledFuture<?> watchdog;
        private final AtomicBoolean timedOut;

        private Stream(HttpResponseReader.Head head, SocketChannel channel, HttpResponseReader reader,
                ScheduledFuture<?> watchdog, AtomicBoolean timedOut) {
            this.head = head;
            this.channel = channel;
            this.reader = reader;
            this.watchdog = watchdog;
            this.timedOut = timedOut;
        }

        /** Blocks until the body ends or the stream is closed. */
        void pump(HttpResponseReader.BodySink sink) throws IOException {
            reader.readBody(head, sink);
        }

        /** The whole (finite) body; within the call's timeout unless this is a 200 stream. */
        byte[] body(int maxBytes) throws IOException {
            try {
                return reader.readBody(head, maxBytes);
            } catch (IOException e) {
                throw timedOut.get() ? new SocketTimeoutException("The agent's response did not end in time") : e;
            }
        }

        @Override
        public void close() {
            watchdog.cancel(false);
            closeQuietly(channel);
        }
    }

    /** How long the timeout given to {@link #open} covers. */
    private enum Deadline {
        /** The whole exchange. */
        WHOLE_EXCHANGE,
        /** Up to the response head, and the body too unless the status is 200. */
        HEAD,
        /** Only connecting and sending the request: the agent answers when something happens. */
        REQUEST
    }

    private final AgentEndpoint endpoint;
    private final String path;
    private final String authenticationToken;
    private final ScheduledExecutorService timer;

    /** A client of the executor API. */
    AgentHttp(AgentEndpoint endpoint, String authenticationToken, ScheduledExecutorService timer) {
        this(endpoint, endpoint.path(), authenticationToken, timer);
    }

    /** A client of the API at {@code path} on the endpoint's socket or port. */
    AgentHttp(AgentEndpoint endpoint, String path, String authenticationToken, ScheduledExecutorService timer) {
        this.endpoint = endpoint;
        this.path = path;
        this.authenticationToken = authenticationToken;
        this.timer = timer;
    }

    /** A short call: the whole exchange must finish within the timeout. */
    Response post(byte[] body, Duration timeout) throws IOException {
        try (Stream stream = open(body, timeout, Deadline.WHOLE_EXCHANGE)) {
            return new Response(stream.head.status, stream.body(MAX_SHORT_BODY));
        }
    }

    /**
     * A streaming call: connecting and the response head must come within the timeout, and so
     * must the whole body unless the status is 200.
     */
    Stream stream(byte[] body, Duration headTimeout) throws IOException {
        return open(body, headTimeout, Deadline.HEAD);
    }

    /**
     * A long poll: connecting and sending must succeed within the timeout, then the answer may
     * take as long as the agent needs. Closing the returned stream from any thread abandons it.
     */
    Stream longPoll(byte[] body, Duration connectTimeout) throws IOException {
        return open(body, connectTimeout, Deadline.REQUEST);
    }

    private Stream open(byte[] body, Duration timeout, Deadline deadline) throws IOException {
        SocketChannel channel = endpoint.open();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            timedOut.set(true);
            closeQuietly(channel);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        boolean handedOver = false;
        try {
            channel.connect(endpoint.address());
            writeFully(channel, requestHead(body.length, deadline == Deadline.HEAD), body);
            if (deadline == Deadline.REQUEST) {
                watchdog.cancel(false);
            }
            HttpResponseReader reader = new HttpResponseReader(new BufferedInputStream(Channels.newInputStream(channel)));
            Stream stream = new Stream(reader.readHead(), channel, reader, watchdog, timedOut);
            if (deadline == Deadline.HEAD && stream.head.status == 200) {
                watchdog.cancel(false);
            }
            handedOver = true;
            return stream;
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new SocketTimeoutException("No answer from the agent at " + endpoint + " within " + timeout.toMillis() + " ms");
            }
            throw e;
        } finally {
            if (!handedOver) {
                watchdog.cancel(false);
                closeQuietly(channel);
            }
        }
    }

    private byte[] requestHead(int contentLength, boolean keepAlive) {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n")
                .append("Content-Type: ").append(PROTOBUF).append("\r\n")
                .append("Accept: ").append(PROTOBUF).append("\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n")
                .append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
        if (authenticationToken != null) {
            head.append("Authorization: Bearer ").append(authenticationToken).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void writeFully(SocketChannel channel, byte[] head, byte[] body) throws IOException {
        ByteBuffer[] buffers = {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
        while (buffers[1].hasRemaining()) {
            channel.write(buffers);
        }
    }

    static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
