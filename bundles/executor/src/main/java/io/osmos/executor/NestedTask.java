package io.osmos.executor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.TaskInfo;

/** One task of a task group and its nested container, as the default executor tracks it. Actor only. */
final class NestedTask {

    final TaskInfo info;
    final ContainerID containerId;
    /** The sequence number of the LAUNCH_GROUP that brought the task. */
    final int group;

    /** The agent answered LAUNCH_CONTAINER, one way or the other. */
    boolean launchAnswered;
    boolean launched;
    /** LAUNCH_CONTAINER calls made, counting those the agent could not take. */
    int launchAttempts;
    String launchFailure;
    /** The whole group's launch is over and its outcome reported. */
    boolean groupReported;
    boolean runningReported;
    boolean waiting;
    boolean killing;
    Duration killGrace;
    boolean signalled;
    ScheduledFuture<?> escalation;
    boolean terminal;
    boolean anyUpdateAcknowledged;

    NestedTask(TaskInfo info, ContainerID containerId, int group) {
        this.info = info;
        this.containerId = containerId;
        this.group = group;
    }

    String id() {
        return info.getTaskId().getValue();
    }

    /** The grace period of a kill: the KILL's policy, else the task's, else Mesos' default of 3 s. */
    Duration gracePeriod(KillPolicy requested) {
        KillPolicy policy = requested != null && requested.hasGracePeriod() ? requested
                : info.hasKillPolicy() && info.getKillPolicy().hasGracePeriod() ? info.getKillPolicy() : null;
        if (policy == null) {
            return TaskController.DEFAULT_KILL_GRACE;
        }
        long nanos = policy.getGracePeriod().getNanoseconds();
        return nanos > 0 ? Duration.ofNanos(nanos) : Duration.ZERO;
    }
}
