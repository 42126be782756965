package io.osmos.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.executor.Call;

/** The status updates a {@link FakeAgent} received, per task, for executors that run several tasks. */
final class TaskUpdates {

    private final FakeAgent agent;
    private final Map<String, List<Call.Update>> byTask = new LinkedHashMap<>();

    TaskUpdates(FakeAgent agent) {
        this.agent = agent;
    }

    /** Waits for the task's update in that state, checking every update that arrives meanwhile. */
    TaskStatus await(String taskId, TaskState state, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            for (Call.Update update : byTask.getOrDefault(taskId, List.of())) {
                if (update.getStatus().getState() == state) {
                    return update.getStatus();
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            Call.Update update = left > 0 ? agent.pollUpdate(left) : null;
            if (update == null) {
                throw new AssertionError("No " + state + " of task " + taskId + " within " + seconds + " s; got " + byTask);
            }
            record(update);
        }
    }

    /** Every update that arrives within the time. */
    void drain(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left;
        while ((left = (deadline - System.nanoTime()) / 1_000_000L) > 0) {
            Call.Update update = agent.pollUpdate(left);
            if (update != null) {
                record(update);
            }
        }
    }

    List<TaskState> states(String taskId) {
        return byTask.getOrDefault(taskId, List.of()).stream().map(update -> update.getStatus().getState())
                .collect(Collectors.toList());
    }

    private void record(Call.Update update) {
        TaskStatus status = update.getStatus();
        assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, status.getSource());
        assertEquals(Events.EXECUTOR, status.getExecutorId().getValue());
        assertEquals(Events.AGENT, status.getAgentId().getValue());
        assertEquals(16, status.getUuid().size());
        assertTrue(status.toString(), status.hasTimestamp());
        byTask.computeIfAbsent(status.getTaskId().getValue(), id -> new ArrayList<>()).add(update);
    }
}
