package io.osmos.agent.impl;

import java.util.concurrent.TimeUnit;

import io.osmos.agent.containerizer.ProcessTrees;
import io.osmos.api.loop.SerialLoop;
import io.osmos.api.task.TaskStates;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure kills and shutdowns happen even when an executor does not cooperate: after the grace
 * period (plus a margin for the executor's own escalation) the agent SIGKILLs the executor's
 * whole process tree. Loop-confined.
 */
final class ExecutorKiller {

    static final int SHUTDOWN_GRACE_SECONDS = 5;
    static final long DEFAULT_KILL_GRACE_MILLIS = 3_000;
    private static final long MARGIN_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorKiller.class);

    private final SerialLoop loop;

    ExecutorKiller(SerialLoop loop) {
        this.loop = loop;
    }

    /** The executor was asked to kill a task; if the task outlives the grace period, the executor goes. */
    void escalate(ExecutorRun run, String taskId, KillPolicy policy) {
        long grace = policy != null && policy.hasGracePeriod()
                ? policy.getGracePeriod().getNanoseconds() / 1_000_000 : DEFAULT_KILL_GRACE_MILLIS;
        loop.after(grace + MARGIN_MILLIS, TimeUnit.MILLISECONDS, () -> {
            Task task = run.launched.get(taskId);
            if (task != null && !TaskStates.terminal(task.getState()) && alive(run)) {
                LOG.warn("Task {} outlived its kill grace period: killing executor {}", taskId, run.executorId());
                ProcessTrees.signal(run.process, true);
            }
        });
    }

    /** SHUTDOWN to the executor, then SIGTERM and SIGKILL to its tree if it is still there. */
    void shutdown(ExecutorRun run) {
        if (run.state == ExecutorRun.State.TERMINATED) {
            return;
        }
        run.state = ExecutorRun.State.TERMINATING;
        long grace = 0;
        if (run.subscribed()) {
            run.stream.send(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
            grace = SHUTDOWN_GRACE_SECONDS * 1000L + MARGIN_MILLIS;
        }
        loop.after(grace, TimeUnit.MILLISECONDS, () -> {
            if (alive(run)) {
                ProcessTrees.signal(run.process, false);
                loop.after(DEFAULT_KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS, () -> {
                    if (alive(run)) {
                        ProcessTrees.signal(run.process, true);
                    }
                });
            }
        });
    }

    private static boolean alive(ExecutorRun run) {
        return run.process != null && run.process.isAlive();
    }
}
