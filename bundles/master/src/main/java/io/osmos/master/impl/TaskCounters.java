package io.osmos.master.impl;

import java.util.concurrent.atomic.AtomicLongArray;

import io.osmos.proto.v1.TaskState;

/**
 * How many tasks reached each terminal state since the master started, as Mesos' {@code
 * master/tasks_finished} and the like count them. Written on the master loop, read by metrics.
 */
final class TaskCounters {

    private static final int STATES = 64;

    private final AtomicLongArray ended = new AtomicLongArray(STATES);

    void ended(TaskState state) {
        if (state.getNumber() < STATES) {
            ended.incrementAndGet(state.getNumber());
        }
    }

    long ended(int stateNumber) {
        return stateNumber < STATES ? ended.get(stateNumber) : 0;
    }
}
