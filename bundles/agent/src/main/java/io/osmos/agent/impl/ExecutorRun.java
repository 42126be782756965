package io.osmos.agent.impl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskInfo;

/** One run of an executor: its process, its subscription, and its tasks. Loop-confined. */
final class ExecutorRun {

    enum State { LAUNCHING, RUNNING, TERMINATING, TERMINATED }

    /** Our command executor (one task, executor id = task id), our default executor (task groups), or the framework's. */
    enum Kind { COMMAND, DEFAULT, CUSTOM }

    final FrameworkInfo framework;
    final ExecutorInfo info;
    final ContainerID containerId;
    final Path sandbox;
    final Kind kind;
    State state = State.LAUNCHING;
    ProcessHandle process;
    /** When the process started (epoch ms), checkpointed with its pid so a reused pid is told apart. */
    long processStartMillis;
    /** Adopted at recovery and not yet re-subscribed: it must within the re-registration timeout. */
    boolean awaitingResubscription;
    RecordIOStream stream;
    /** Whether the current stream came over a domain socket rather than TCP. */
    boolean streamOverDomainSocket;
    /** Tasks sent to the agent but not yet given to the executor (it has not subscribed yet). */
    final Map<String, TaskInfo> queued = new LinkedHashMap<>();
    /** Task groups for the default executor, waiting for it to subscribe. */
    final java.util.List<io.osmos.proto.v1.TaskGroupInfo> queuedGroups = new java.util.ArrayList<>();
    /** Tasks given to the executor, by id, with their current state on this agent. */
    final Map<String, Task> launched = new LinkedHashMap<>();
    /** Tasks a kill was asked for: if the executor dies meanwhile they end KILLED, not FAILED. */
    final java.util.Set<String> killRequested = new java.util.HashSet<>();

    ExecutorRun(FrameworkInfo framework, ExecutorInfo info, ContainerID containerId, Path sandbox,
            Kind kind) {
        this.framework = framework;
        this.info = info;
        this.containerId = containerId;
        this.sandbox = sandbox;
        this.kind = kind;
    }

    String frameworkId() {
        return framework.getId().getValue();
    }

    String executorId() {
        return info.getExecutorId().getValue();
    }

    /** Whether the run is checkpointed and recovered after an agent restart: its framework asked for it. */
    boolean checkpoint() {
        return framework.getCheckpoint();
    }

    boolean subscribed() {
        return stream != null && stream.isOpen();
    }
}
