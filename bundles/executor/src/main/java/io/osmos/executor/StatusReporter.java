package io.osmos.executor;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import com.google.protobuf.ByteString;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends status updates and keeps each until the agent acknowledges it. Once the last terminal
 * update (the task's, or for the default executor that of the last task to end) is acknowledged,
 * or no acknowledgement comes in time, the executor is done. Actor only.
 */
final class StatusReporter {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    private static final Duration IN_FLIGHT_ACK_GRACE = Duration.ofSeconds(1);

    private final ExecutorConfig config;
    private final Actor actor;
    private final Calls calls;
    private final Runnable done;
    private final PendingUpdates pending = new PendingUpdates();
    private AgentSession session;
    private AgentID agentId;
    private ByteString terminalUuid;
    private Duration terminalAckTimeout;
    private boolean terminalAcknowledged;
    private ScheduledFuture<?> ackTimer;
    private Set<ByteString> inLastSubscribe = Set.of();

    /**
     * @param done runs once the terminal update is acknowledged or given up on
     */
    StatusReporter(ExecutorConfig config, Actor actor, Runnable done) {
        this.config = config;
        this.actor = actor;
        this.calls = new Calls(config.frameworkId, config.executorId);
        this.done = done;
    }

    void attach(AgentSession agentSession) {
        this.session = agentSession;
    }

    Calls calls() {
        return calls;
    }

    /** The updates to carry in a SUBSCRIBE call about to be sent. */
    List<Call.Update> forSubscribe() {
        List<Call.Update> all = pending.all();
        inLastSubscribe = new HashSet<>();
        all.forEach(update -> inLastSubscribe.add(update.getStatus().getUuid()));
        return all;
    }

    void subscribed(Event.Subscribed info) {
        agentId = info.getAgentInfo().hasId() ? info.getAgentInfo().getId() : null;
        // Updates made after the SUBSCRIBE call went out are not in it.
        for (Call.Update update : pending.all()) {
            if (!inLastSubscribe.contains(update.getStatus().getUuid())) {
                session.send(calls.update(update));
            }
        }
        // Re-subscription carried the pending updates; give the agent time to acknowledge them.
        if (terminalUuid != null && !terminalAcknowledged) {
            armAckTimer(terminalAckTimeout);
        }
    }

    boolean terminalSent() {
        return terminalUuid != null;
    }

    void update(TaskID taskId, TaskState state, String message) {
        send(calls.status(taskId, state, message, agentId));
    }

    /** Sends an update made of what the caller set (task id, state, message, reason...). */
    void update(TaskStatus.Builder status) {
        send(calls.status(status, agentId));
    }

    /** Sends the task's last update; the executor is done once it is acknowledged. */
    void terminal(TaskID taskId, TaskState state, String message, Duration ackTimeout) {
        terminal(calls.status(taskId, state, message, agentId), ackTimeout);
    }

    /** Sends the executor's last terminal update; it is done once all updates are acknowledged. */
    void terminal(TaskStatus.Builder status, Duration ackTimeout) {
        terminal(calls.status(status, agentId), ackTimeout);
    }

    private void terminal(Call.Update update, Duration ackTimeout) {
        terminalUuid = send(update).getStatus().getUuid();
        terminalAckTimeout = ackTimeout;
        armAckTimer(ackTimeout);
    }

    /** @return the update acknowledged, or null if there is no such update */
    Call.Update acknowledged(Event.Acknowledged ack) {
        Call.Update update = pending.acknowledge(ack.getTaskId(), ack.getUuid());
        if (update == null) {
            LOG.warn("Acknowledgement for an unknown update of task {}", ack.getTaskId().getValue());
            return null;
        }
        LOG.debug("{} of task {} acknowledged", update.getStatus().getState(), ack.getTaskId().getValue());
        if (ack.getUuid().equals(terminalUuid)) {
            terminalAcknowledged = true;
            if (!pending.isEmpty()) {
                armAckTimer(IN_FLIGHT_ACK_GRACE);
            }
        }
        if (terminalAcknowledged && pending.isEmpty()) {
            LOG.info("Terminal update of task {} acknowledged", ack.getTaskId().getValue());
            cancelAckTimer();
            done.run();
        }
        return update;
    }

    private Call.Update send(Call.Update update) {
        TaskStatus status = update.getStatus();
        pending.add(update);
        LOG.info("Task {}: {}{}{}", status.getTaskId().getValue(), status.getState(),
                status.hasReason() ? " " + status.getReason() : "",
                status.hasMessage() ? " (" + status.getMessage() + ")" : "");
        if (session.isSubscribed()) {
            session.send(calls.update(update));
        }
        return update;
    }

    private void armAckTimer(Duration timeout) {
        cancelAckTimer();
        ackTimer = actor.schedule(timeout, () -> {
            // While re-subscribing the update may still get through; the recovery timeout bounds that.
            if (!session.isSubscribed() && config.checkpoint && !terminalAcknowledged) {
                return;
            }
            LOG.warn("No acknowledgement of {} update(s) within {} ms; giving up on them",
                    pending.all().size(), timeout.toMillis());
            done.run();
        });
    }

    private void cancelAckTimer() {
        if (ackTimer != null) {
            ackTimer.cancel(false);
            ackTimer = null;
        }
    }
}
