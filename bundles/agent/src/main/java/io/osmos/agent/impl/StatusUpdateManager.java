package io.osmos.agent.impl;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.google.protobuf.ByteString;

import io.osmos.api.loop.SerialLoop;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.TaskStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers task status updates to the master reliably: per task, in order, one at a time, each
 * re-sent until the framework acknowledges it, across master disconnections. A checkpointed task's
 * stream (its pending updates and the uuids acknowledged) is written to disk before an update is
 * forwarded, as Mesos' status update manager does, so it survives an agent restart; an update
 * whose uuid the stream has already seen is a duplicate and is not delivered again. Loop-confined.
 */
final class StatusUpdateManager {

    static final long RETRY_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdateManager.class);

    /** An update waiting for its acknowledgement. */
    record Pending(FrameworkID frameworkId, TaskStatus status) {
    }

    /** One task's stream; {@code checkpoint} is its task's checkpoint directory, null when not checkpointed. */
    private static final class Stream {
        final FrameworkID frameworkId;
        final Deque<Pending> pending = new ArrayDeque<>();
        final Set<ByteString> acknowledged = new LinkedHashSet<>();
        final Path checkpoint;
        long sentAt;
        /** Bumped at each checkpoint write, so only the latest write's completion forwards the head. */
        int version;

        Stream(FrameworkID frameworkId, Path checkpoint) {
            this.frameworkId = frameworkId;
            this.checkpoint = checkpoint;
        }

        boolean seen(ByteString uuid) {
            return acknowledged.contains(uuid) || pending.stream().anyMatch(p -> p.status().getUuid().equals(uuid));
        }
    }

    private final SerialLoop loop;
    private final Consumer<AgentCall> sender;
    private final CheckpointWriter writer;
    private final Map<String, Stream> streams = new LinkedHashMap<>();

    StatusUpdateManager(SerialLoop loop, Consumer<AgentCall> sender, CheckpointWriter writer) {
        this.loop = loop;
        this.sender = sender;
        this.writer = writer;
        loop.every(1, TimeUnit.SECONDS, this::retryOverdue);
    }

    private static String key(String frameworkId, String taskId) {
        return frameworkId + "/" + taskId;
    }

    void add(FrameworkID frameworkId, TaskStatus status) {
        add(frameworkId, status, null);
    }

    /**
     * A new update for the task; with {@code checkpoint} (the task's checkpoint directory) it is
     * forwarded only once on disk.
     *
     * @return false when the stream already has this update (same uuid): nothing is done
     */
    boolean add(FrameworkID frameworkId, TaskStatus status, Path checkpoint) {
        String key = key(frameworkId.getValue(), status.getTaskId().getValue());
        Stream stream = streams.computeIfAbsent(key, k -> new Stream(frameworkId, checkpoint));
        if (stream.seen(status.getUuid())) {
            LOG.debug("Duplicate update {} for task {} ignored", status.getState(), status.getTaskId().getValue());
            return false;
        }
        stream.pending.addLast(new Pending(frameworkId, status));
        if (stream.checkpoint != null) {
            persistThenSend(key, stream);
        } else if (stream.pending.size() == 1) {
            send(key, stream);
        }
        return true;
    }

    /** Writes the stream; once it is on disk, its head goes out if it has not yet. */
    private void persistThenSend(String key, Stream stream) {
        int version = ++stream.version;
        checkpoint(stream).whenComplete((ignored, error) -> loop.execute(() -> {
            if (error != null) {
                LOG.error("The update stream of {} is not checkpointed; forwarding anyway", key);
            }
            if (streams.get(key) == stream && stream.version == version && !stream.pending.isEmpty()
                    && stream.sentAt == 0) {
                send(key, stream);
            }
        }));
    }

    /** A stream read back from the checkpoints at recovery; sent when the master is there. */
    void recover(FrameworkID frameworkId, String taskId, List<TaskStatus> pending, List<ByteString> acknowledged,
            Path checkpoint) {
        Stream stream = new Stream(frameworkId, checkpoint);
        pending.forEach(s -> stream.pending.addLast(new Pending(frameworkId, s)));
        stream.acknowledged.addAll(acknowledged);
        streams.put(key(frameworkId.getValue(), taskId), stream);
    }

    private java.util.concurrent.CompletableFuture<Void> checkpoint(Stream stream) {
        return AgentCheckpoints.updates(writer, stream.checkpoint,
                stream.pending.stream().map(Pending::status).toList(), List.copyOf(stream.acknowledged));
    }

    /** @return the acknowledged update, or null if it is not the one awaited (a duplicate or stale ack) */
    Pending acknowledge(String frameworkId, String taskId, ByteString uuid) {
        String key = key(frameworkId, taskId);
        Stream stream = streams.get(key);
        if (stream == null || stream.pending.isEmpty() || !stream.pending.peekFirst().status().getUuid().equals(uuid)) {
            return null;
        }
        Pending acked = stream.pending.removeFirst();
        stream.acknowledged.add(uuid);
        stream.sentAt = 0;
        if (stream.checkpoint != null) {
            persistThenSend(key, stream);
        } else if (!stream.pending.isEmpty()) {
            send(key, stream);
        }
        return acked;
    }

    boolean hasPending(String frameworkId, String taskId) {
        Stream stream = streams.get(key(frameworkId, taskId));
        return stream != null && !stream.pending.isEmpty();
    }

    /** Whether the framework acknowledged the update with this uuid. */
    boolean acknowledged(String frameworkId, String taskId, ByteString uuid) {
        Stream stream = streams.get(key(frameworkId, taskId));
        return stream != null && stream.acknowledged.contains(uuid);
    }

    /** The task is gone from the agent: its stream is dropped. */
    void remove(String frameworkId, String taskId) {
        streams.remove(key(frameworkId, taskId));
    }

    /** The master (re)connected: send every stream's head now. */
    void resendAll() {
        streams.forEach((key, stream) -> {
            if (!stream.pending.isEmpty()) {
                send(key, stream);
            }
        });
    }

    /** Drops the updates of a framework that is gone. */
    void forget(String frameworkId) {
        streams.keySet().removeIf(k -> k.startsWith(frameworkId + "/"));
    }

    private void retryOverdue() {
        long now = System.currentTimeMillis();
        streams.forEach((key, stream) -> {
            if (!stream.pending.isEmpty() && stream.sentAt != 0 && now - stream.sentAt >= RETRY_MILLIS) {
                send(key, stream);
            }
        });
    }

    private void send(String key, Stream stream) {
        Pending head = stream.pending.peekFirst();
        stream.sentAt = System.currentTimeMillis();
        sender.accept(AgentCall.newBuilder().setType(AgentCall.Type.STATUS_UPDATE)
                .setStatusUpdate(AgentCall.StatusUpdate.newBuilder().setFrameworkId(head.frameworkId())
                        .setStatus(head.status()).setLatestState(stream.pending.peekLast().status().getState()))
                .build());
    }
}
