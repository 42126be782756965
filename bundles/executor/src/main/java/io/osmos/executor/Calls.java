package io.osmos.executor;

import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.ByteString;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.executor.Call;

/** Builds the executor's calls and the task statuses it reports. */
final class Calls {

    private final FrameworkID frameworkId;
    private final ExecutorID executorId;

    Calls(FrameworkID frameworkId, ExecutorID executorId) {
        this.frameworkId = frameworkId;
        this.executorId = executorId;
    }

    Call subscribe(Collection<TaskInfo> unacknowledgedTasks, Collection<Call.Update> unacknowledgedUpdates) {
        return base(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder()
                        .addAllUnacknowledgedTasks(unacknowledgedTasks)
                        .addAllUnacknowledgedUpdates(unacknowledgedUpdates))
                .build();
    }

    Call update(Call.Update update) {
        return base(Call.Type.UPDATE).setUpdate(update).build();
    }

    /** A fresh status update with a new random uuid, the agent id being optional before SUBSCRIBED. */
    Call.Update status(TaskID taskId, TaskState state, String message, AgentID agentId) {
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(taskId).setState(state);
        if (message != null) {
            status.setMessage(message);
        }
        return status(status, agentId);
    }

    /**
     * A status update from what the caller set (task id, state, and any message, reason...),
     * completed with the source, executor id, a new random uuid, the timestamp and the agent id.
     */
    Call.Update status(TaskStatus.Builder status, AgentID agentId) {
        status.setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setExecutorId(executorId)
                .setUuid(randomUuid())
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        if (agentId != null) {
            status.setAgentId(agentId);
        }
        return Call.Update.newBuilder().setStatus(status).build();
    }

    /** A random UUID in its usual text form, e.g. for a new container id. */
    static String randomUuidText() {
        ByteString bytes = randomUuid();
        StringBuilder text = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text.append('-');
            }
            int b = bytes.byteAt(i) & 0xff;
            text.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    private Call.Builder base(Call.Type type) {
        return Call.newBuilder().setFrameworkId(frameworkId).setExecutorId(executorId).setType(type);
    }

    /**
     * A random (version 4) UUID. Like Mesos' UUID::random() it needs uniqueness, not secrecy, so it
     * avoids SecureRandom, whose set-up costs the lean executor time and memory.
     */
    private static ByteString randomUuid() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        return ByteString.copyFrom(bytes);
    }
}
