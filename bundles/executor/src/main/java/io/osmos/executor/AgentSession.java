package io.osmos.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.InvalidProtocolBufferException;

import io.osmos.http.codec.RecordIOException;
import io.osmos.http.codec.RecordIOReader;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's link to its agent: the SUBSCRIBE event stream, short calls, and what happens when
 * the agent goes away (re-subscription with back-off while checkpointing, else giving up).
 * Everything but the blocking I/O runs on the actor.
 */
final class AgentSession {

    /** Called on the actor. */
    interface Listener {
        /** The SUBSCRIBE call to send now, with whatever is still unacknowledged. */
        Call subscribeCall();

        void onEvent(Event event);

        /** The agent is gone for good: not checkpointing, or the recovery timeout passed. */
        void onAgentLost(String reason);

        /** The agent said something that makes no sense; retrying would not help. */
        void onProtocolError(String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    // Well below the executor's heap limit (-Xmx in jvm.options).
    private static final int MAX_EVENT_SIZE = 16 << 20;

    private final ExecutorConfig config;
    private final Actor actor;
    private final AgentHttp http;
    private final Listener listener;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("executor-calls"));

    private int generation;
    private boolean subscribed;
    private boolean closed;
    private AgentHttp.Stream stream;
    private long recoveryDeadline;
    private boolean recovering;
    private Duration backoff = INITIAL_BACKOFF;
    private ScheduledFuture<?> recoveryTimer;

    AgentSession(ExecutorConfig config, Actor actor, Listener listener) {
        this.config = config;
        this.actor = actor;
        this.listener = listener;
        this.http = new AgentHttp(config.endpoint, config.authenticationToken, actor.timer());
    }

    /** Subscribes now; on the actor. */
    void subscribe() {
        if (closed) {
            return;
        }
        int attempt = ++generation;
        byte[] call = listener.subscribeCall().toByteArray();
        Thread reader = daemon("executor-events").newThread(() -> read(attempt, call));
        reader.start();
    }

    /** The agent answered SUBSCRIBE with SUBSCRIBED; on the actor. */
    void subscribed() {
        subscribed = true;
        recovering = false;
        backoff = INITIAL_BACKOFF;
        if (recoveryTimer != null) {
            recoveryTimer.cancel(false);
            recoveryTimer = null;
        }
    }

    boolean isSubscribed() {
        return subscribed;
    }

    /** Sends a call that expects 202 Accepted, off the actor. A failed call is only logged. */
    void send(Call call) {
        byte[] body = call.toByteArray();
        sender.execute(() -> {
            try {
                AgentHttp.Response response = http.post(body, CALL_TIMEOUT);
                if (response.status != 202) {
                    LOG.warn("Agent answered {} with {}: {}", call.getType(), response.status, response.bodyText());
                }
            } catch (IOException e) {
                LOG.warn("Could not send {} to the agent at {}: {}", call.getType(), config.endpoint, e.toString());
            }
        });
    }

    /** Ends the stream and stops sending; on the actor. */
    void close() {
        closed = true;
        subscribed = false;
        if (stream != null) {
            stream.close();
        }
        sender.shutdownNow();
    }

    private void read(int attempt, byte[] call) {
        try (AgentHttp.Stream opened = http.stream(call, CONNECT_TIMEOUT)) {
            if (opened.head.status != 200) {
                String body = new String(opened.body(4096), StandardCharsets.UTF_8);
                String reason = "agent answered SUBSCRIBE with " + opened.head.status + ": " + body;
                // 404: the agent is up but its executor route is away for a moment (a transport bundle
                // being swapped), so it is retried like an agent that is down.
                if (opened.head.status >= 500 || opened.head.status == 404) {
                    actor.execute(() -> disconnected(attempt, reason));
                } else {
                    actor.execute(() -> protocolError(attempt, reason));
                }
                return;
            }
            actor.execute(() -> streamOpened(attempt, opened));
            RecordIOReader records = new RecordIOReader(MAX_EVENT_SIZE, record -> deliver(attempt, record));
            opened.pump(records::feed);
            String reason = records.hasPartialRecord() ? "the agent ended the event stream inside a record"
                    : "the agent ended the event stream";
            actor.execute(() -> disconnected(attempt, reason));
        } catch (RecordIOException | MalformedEventException e) {
            actor.execute(() -> protocolError(attempt, "malformed event stream from the agent: " + e.getMessage()));
        } catch (IOException e) {
            actor.execute(() -> disconnected(attempt, e.toString()));
        }
    }

    private void deliver(int attempt, byte[] record) {
        Event event;
        try {
            event = Event.parseFrom(record);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedEventException("not an executor Event (" + record.length + " bytes): " + e.getMessage());
        }
        actor.execute(() -> {
            if (attempt == generation && !closed) {
                listener.onEvent(event);
            }
        });
    }

    private void streamOpened(int attempt, AgentHttp.Stream opened) {
        if (attempt != generation || closed) {
            opened.close();
            return;
        }
        stream = opened;
    }

    private void protocolError(int attempt, String reason) {
        if (attempt == generation && !closed) {
            subscribed = false;
            listener.onProtocolError(reason);
        }
    }

    private void disconnected(int attempt, String reason) {
        if (attempt != generation || closed) {
            return;
        }
        subscribed = false;
        stream = null;
        if (!config.checkpoint) {
            listener.onAgentLost("Disconnected from the agent at " + config.endpoint + " (" + reason
                    + ") and not checkpointing");
            return;
        }
        if (!recovering) {
            recovering = true;
            recoveryDeadline = System.nanoTime() + config.recoveryTimeout.toNanos();
            recoveryTimer = actor.schedule(config.recoveryTimeout, this::recoveryTimedOut);
            LOG.warn("Disconnected from the agent at {} ({}); re-subscribing for up to {} s", config.endpoint,
                    reason, config.recoveryTimeout.toSeconds());
        } else {
            LOG.debug("Re-subscription failed: {}", reason);
        }
        Duration delay = nextBackoff();
        if (System.nanoTime() + delay.toNanos() - recoveryDeadline < 0) {
            actor.schedule(delay, () -> {
                if (attempt == generation && !closed) {
                    subscribe();
                }
            });
        }
    }

    private void recoveryTimedOut() {
        if (recovering && !closed) {
            listener.onAgentLost("The agent did not come back within the recovery timeout of "
                    + config.recoveryTimeout.toSeconds() + " s");
        }
    }

    private Duration nextBackoff() {
        Duration max = config.backoffMax.isZero() ? Duration.ofMillis(1) : config.backoffMax;
        Duration current = backoff.compareTo(max) > 0 ? max : backoff;
        backoff = current.multipliedBy(2);
        long nanos = current.toNanos();
        // Jitter keeps many executors of a restarted agent from re-subscribing in lockstep.
        return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Thrown from the record consumer to stop reading a stream whose record is not an Event. */
    private static final class MalformedEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEventException(String message) {
            super(message);
        }
    }
}
