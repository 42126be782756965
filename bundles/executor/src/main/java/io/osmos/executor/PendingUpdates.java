package io.osmos.executor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.executor.Call;

/** Status updates sent but not yet acknowledged by the agent, in the order they were made. */
final class PendingUpdates {

    private final Map<ByteString, Call.Update> updates = new LinkedHashMap<>();

    void add(Call.Update update) {
        updates.put(update.getStatus().getUuid(), update);
    }

    /** @return the acknowledged update, or null when none matches */
    Call.Update acknowledge(TaskID taskId, ByteString uuid) {
        Call.Update update = updates.get(uuid);
        if (update == null || !update.getStatus().getTaskId().equals(taskId)) {
            return null;
        }
        return updates.remove(uuid);
    }

    boolean contains(ByteString uuid) {
        return updates.containsKey(uuid);
    }

    boolean isEmpty() {
        return updates.isEmpty();
    }

    List<Call.Update> all() {
        return new ArrayList<>(updates.values());
    }
}
