package io.osmos.agent.impl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * re-sent until the framework acknowledges it, across master disconnections. Loop-confined.
 */
final class StatusUpdateManager {

    static final long RETRY_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdateManager.class);

    /** An update waiting for its acknowledgement. */
    record Pending(FrameworkID frameworkId, TaskStatus status) {
    }

    private final Consumer<AgentCall> sender;
    private final Map<String, Deque<Pending>> streams = new LinkedHashMap<>();
    private final Map<String, Long> sentAt = new LinkedHashMap<>();

    StatusUpdateManager(SerialLoop loop, Consumer<AgentCall> sender) {
        this.sender = sender;
        loop.every(1, TimeUnit.SECONDS, this::retryOverdue);
    }

    private static String key(String frameworkId, String taskId) {
        return frameworkId + "/" + taskId;
    }

    void add(FrameworkID frameworkId, TaskStatus status) {
        String key = key(frameworkId.getValue(), status.getTaskId().getValue());
        Deque<Pending> queue = streams.computeIfAbsent(key, k -> new ArrayDeque<>());
        queue.addLast(new Pending(frameworkId, status));
        if (queue.size() == 1) {
            send(key);
        } else {
            LOG.debug("Update {} for task {} queued behind {}", status.getState(), status.getTaskId().getValue(),
                    queue.size() - 1);
        }
    }

    /** @return the acknowledged update, or null if it is not the one awaited (a duplicate or stale ack) */
    Pending acknowledge(String frameworkId, String taskId, ByteString uuid) {
        String key = key(frameworkId, taskId);
        Deque<Pending> queue = streams.get(key);
        if (queue == null || !queue.peekFirst().status().getUuid().equals(uuid)) {
            return null;
        }
        Pending acked = queue.removeFirst();
        sentAt.remove(key);
        if (queue.isEmpty()) {
            streams.remove(key);
        } else {
            send(key);
        }
        return acked;
    }

    boolean hasPending(String frameworkId, String taskId) {
        return streams.containsKey(key(frameworkId, taskId));
    }

    /** The master (re)connected: send every stream's head now. */
    void resendAll() {
        for (String key : streams.keySet()) {
            send(key);
        }
    }

    /** Drops the updates of a framework that is gone. */
    void forget(String frameworkId) {
        streams.keySet().removeIf(k -> k.startsWith(frameworkId + "/"));
        sentAt.keySet().removeIf(k -> k.startsWith(frameworkId + "/"));
    }

    private void retryOverdue() {
        long now = System.currentTimeMillis();
        for (String key : streams.keySet()) {
            if (now - sentAt.getOrDefault(key, 0L) >= RETRY_MILLIS) {
                send(key);
            }
        }
    }

    private void send(String key) {
        Deque<Pending> queue = streams.get(key);
        Pending head = queue.peekFirst();
        sentAt.put(key, System.currentTimeMillis());
        sender.accept(AgentCall.newBuilder().setType(AgentCall.Type.STATUS_UPDATE)
                .setStatusUpdate(AgentCall.StatusUpdate.newBuilder().setFrameworkId(head.frameworkId())
                        .setStatus(head.status()).setLatestState(queue.peekLast().status().getState()))
                .build());
    }
}
