package io.osmos.agent.impl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.google.protobuf.InvalidProtocolBufferException;

import io.osmos.http.codec.MediaType;
import io.osmos.http.codec.RecordIOReader;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side of the agent channel: subscribes to the master, reads its event stream, and
 * re-subscribes with back-off whenever the stream ends, fails, or falls silent for longer than
 * three heartbeat intervals.
 */
final class MasterLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);
    private static final String PATH = "/master/internal/agent";
    private static final String STREAM_ID_HEADER = "Osmos-Agent-Stream-Id";
    private static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;
    private static final long DEFAULT_SILENCE_MILLIS = 45_000;

    private final URI uri;
    private final Supplier<AgentCall> subscribeCall;
    private final Consumer<AgentEvent> events;
    private final Backoff backoff;
    private final HttpClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "osmos-agent-master-link");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private volatile StreamReader current;
    private volatile String streamId;
    private final String base;

    MasterLink(String master, Supplier<AgentCall> subscribeCall, Consumer<AgentEvent> events, Backoff backoff) {
        this.uri = URI.create("http://" + master + PATH);
        this.base = master;
        this.subscribeCall = subscribeCall;
        this.events = events;
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(timer).build();
    }

    void start() {
        timer.execute(this::connect);
        timer.scheduleWithFixedDelay(this::checkSilence, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closed = true;
        StreamReader reader = current;
        if (reader != null) {
            reader.cancel();
        }
        timer.shutdownNow();
    }

    private void connect() {
        if (closed) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", MediaType.PROTOBUF.value()).header("Accept", MediaType.PROTOBUF.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(subscribeCall.get().toByteArray())).build();
        StreamReader reader = new StreamReader();
        current = reader;
        client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            streamId = info.headers().firstValue(STREAM_ID_HEADER).orElse(null);
            return HttpResponse.BodySubscribers.fromSubscriber(reader);
        }).whenComplete((response, error) -> {
            if (error != null) {
                reader.ended("cannot reach the master at " + uri + ": " + rootMessage(error));
            } else if (response.statusCode() != 200) {
                reader.ended("the master answered " + response.statusCode());
            }
        });
    }

    /**
     * Sends a call on the current subscription; completes with the HTTP status, or exceptionally
     * when the master cannot be reached. Callers that need delivery retry themselves.
     */
    java.util.concurrent.CompletableFuture<Integer> call(AgentCall call) {
        String stream = streamId;
        if (stream == null || closed) {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("Not subscribed to the master " + base));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", MediaType.PROTOBUF.value()).header("Accept", MediaType.PROTOBUF.value())
                .header(STREAM_ID_HEADER, stream)
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray())).build();
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() ran since the check above (the agent bundle is stopping): the caller retries later.
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("The link to the master " + base + " is closing"));
        }
    }

    private void checkSilence() {
        StreamReader reader = current;
        if (reader != null && reader.silentFor() > reader.silenceLimitMillis) {
            LOG.warn("No heartbeat from the master for {} ms: reconnecting", reader.silentFor());
            reader.cancel();
            reader.ended("the master fell silent");
        }
    }

    private void scheduleReconnect(String reason) {
        if (closed) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        LOG.warn("Master link down ({}); re-subscribing in {} ms", reason, delay);
        try {
            timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: nothing to reconnect.
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Reads one subscription's stream; ends exactly once. */
    private final class StreamReader implements Flow.Subscriber<List<ByteBuffer>> {

        private final RecordIOReader records = new RecordIOReader(MAX_RECORD_BYTES, this::onRecord);
        private volatile Flow.Subscription subscription;
        private volatile long lastActivityNanos = System.nanoTime();
        private volatile long silenceLimitMillis = DEFAULT_SILENCE_MILLIS;
        private volatile boolean ended;

        long silentFor() {
            return ended ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        synchronized void ended(String reason) {
            if (ended) {
                return;
            }
            ended = true;
            streamId = null;
            scheduleReconnect(reason);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            lastActivityNanos = System.nanoTime();
            try {
                for (ByteBuffer buffer : buffers) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    records.feed(bytes);
                }
            } catch (RuntimeException e) {
                LOG.error("Bad data on the master stream", e);
                cancel();
                ended("bad data on the stream: " + e.getMessage());
            }
        }

        @Override
        public void onError(Throwable error) {
            ended("stream failed: " + rootMessage(error));
        }

        @Override
        public void onComplete() {
            ended("the master closed the stream");
        }

        private void onRecord(byte[] record) {
            AgentEvent event;
            try {
                event = AgentEvent.parseFrom(record);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("Undecodable event from the master: " + e.getMessage(), e);
            }
            if (event.getType() == AgentEvent.Type.SUBSCRIBED) {
                backoff.reset();
                double interval = event.getSubscribed().getHeartbeatIntervalSeconds();
                if (interval > 0) {
                    silenceLimitMillis = (long) (interval * 3000);
                }
            }
            events.accept(event);
        }
    }
}
