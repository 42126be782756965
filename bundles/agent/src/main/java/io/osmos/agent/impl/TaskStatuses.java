package io.osmos.agent.impl;

import java.util.UUID;

import com.google.protobuf.ByteString;

import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;

/** Status updates the agent makes itself (source agent), with a fresh uuid. */
final class TaskStatuses {

    private TaskStatuses() {
    }

    static TaskStatus agentStatus(TaskID taskId, TaskState state, TaskStatus.Reason reason, String message) {
        return TaskStatus.newBuilder().setTaskId(taskId).setState(state).setSource(TaskStatus.Source.SOURCE_AGENT)
                .setReason(reason).setMessage(message).setTimestamp(System.currentTimeMillis() / 1000.0)
                .setUuid(uuid()).build();
    }

    static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        return ByteString.copyFrom(java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }
}
