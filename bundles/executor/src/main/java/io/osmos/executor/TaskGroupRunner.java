package io.osmos.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;

import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ContainerStatus;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.TaskGroupInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.agent.Response;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task groups in nested containers through the agent's Operator API, the way Mesos' default
 * executor does: launches every task of a group, reports them running once all are, waits for each
 * container, and kills the rest of a group when one of its tasks ends unsuccessfully. Actor only.
 */
final class TaskGroupRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskGroupRunner.class);
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    private static final Duration WAIT_RETRY = Duration.ofSeconds(1);
    /** A launch the agent could not take (away, or an isolator being replaced) is tried again this often at most. */
    private static final int MAX_LAUNCH_ATTEMPTS = 30;

    private final ExecutorConfig config;
    private final Actor actor;
    private final ContainerApi api;
    private final StatusReporter status;
    private final Runnable allEnded;
    private final Map<TaskID, NestedTask> tasks = new LinkedHashMap<>();
    private final Set<Integer> groupsBeingKilled = new HashSet<>();
    private AgentSession session;
    private int groups;
    private boolean killingState;
    private boolean shuttingDown;
    private Duration lastAckTimeout = TaskController.ACK_TIMEOUT;

    /**
     * @param allEnded runs when the last active task has ended (its terminal update just sent)
     */
    TaskGroupRunner(ExecutorConfig config, Actor actor, ContainerApi api, StatusReporter status, Runnable allEnded) {
        this.config = config;
        this.actor = actor;
        this.api = api;
        this.status = status;
        this.allEnded = allEnded;
    }

    void attach(AgentSession agentSession) {
        this.session = agentSession;
    }

    /** (Re-)subscribed: waits lost with the old connection are made again. */
    void subscribed(Event.Subscribed info) {
        killingState = info.getFrameworkInfo().getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        for (NestedTask task : tasks.values()) {
            if (task.launched && task.groupReported && !task.terminal && !task.waiting) {
                startWait(task);
            }
        }
    }

    void launchGroup(TaskGroupInfo group, ContainerID executorContainer) {
        int number = ++groups;
        List<NestedTask> members = new ArrayList<>();
        for (TaskInfo info : group.getTasksList()) {
            ContainerID containerId = ContainerID.newBuilder().setValue(Calls.randomUuidText())
                    .setParent(executorContainer).build();
            NestedTask task = new NestedTask(info, containerId, number);
            if (tasks.putIfAbsent(info.getTaskId(), task) != null) {
                LOG.error("Ignoring task {} of group {}: a task with that id exists already", task.id(), number);
                continue;
            }
            members.add(task);
        }
        for (NestedTask task : members) {
            LOG.info("Launching task {} of group {} in container {}", task.id(), number, task.containerId.getValue());
            launch(task, members);
        }
    }

    private void launch(NestedTask task, List<NestedTask> members) {
        api.launch(task.containerId, task.info, (response, failure) -> {
            if (ContainerApi.agentAway(response, failure) && !task.terminal && ++task.launchAttempts < MAX_LAUNCH_ATTEMPTS) {
                // Launching is idempotent by container id: the agent's successor answers 202 if it runs.
                LOG.warn("Agent away while launching task {} ({}); launching again once it is back", task.id(),
                        failure != null ? failure.toString() : response.status + " " + response.bodyText());
                retryWhenSubscribed(() -> launch(task, members));
                return;
            }
            launchAnswered(task, members, response, failure);
        });
    }

    /** Runs {@code call} after the retry delay, once the executor is subscribed again. */
    private void retryWhenSubscribed(Runnable call) {
        actor.schedule(WAIT_RETRY, () -> {
            if (session.isSubscribed()) {
                call.run();
            } else {
                retryWhenSubscribed(call);
            }
        });
    }

    /** The scheduler's KILL; a task already ended or never known is only logged, as Mesos does. */
    void kill(TaskID taskId, KillPolicy policy) {
        NestedTask task = tasks.get(taskId);
        if (task == null) {
            LOG.warn("Ignoring KILL of unknown task {}", taskId.getValue());
        } else if (task.terminal) {
            LOG.info("Ignoring KILL of task {}: it has ended already", taskId.getValue());
        } else {
            kill(task, task.gracePeriod(policy));
        }
    }

    /** Kills every task, each with its own grace period but no longer than {@code maxGrace}. */
    void shutdown(Duration maxGrace) {
        shuttingDown = true;
        lastAckTimeout = TaskController.SHUTDOWN_ACK_TIMEOUT;
        for (NestedTask task : tasks.values()) {
            Duration grace = task.gracePeriod(null);
            kill(task, grace.compareTo(maxGrace) > 0 ? maxGrace : grace);
        }
    }

    boolean hasActiveTasks() {
        return tasks.values().stream().anyMatch(task -> !task.terminal);
    }

    /** Tasks none of whose updates the agent has acknowledged, for SUBSCRIBE. */
    List<TaskInfo> unacknowledgedTasks() {
        List<TaskInfo> unacknowledged = new ArrayList<>();
        tasks.values().stream().filter(task -> !task.anyUpdateAcknowledged).forEach(task -> unacknowledged.add(task.info));
        return unacknowledged;
    }

    void acknowledged(TaskID taskId) {
        NestedTask task = tasks.get(taskId);
        if (task != null) {
            task.anyUpdateAcknowledged = true;
        }
    }

    private void launchAnswered(NestedTask task, List<NestedTask> members, AgentHttp.Response response,
            IOException failure) {
        task.launchAnswered = true;
        if (failure != null) {
            task.launchFailure = "Failed to launch container " + task.containerId.getValue() + ": " + failure.getMessage();
        } else if (response.status == 200 || response.status == 202) {
            task.launched = true;
            linkSandbox(task);
        } else {
            String body = response.bodyText().trim();
            task.launchFailure = body.isEmpty() ? "Agent answered LAUNCH_CONTAINER with " + response.status : body;
        }
        if (members.stream().allMatch(member -> member.launchAnswered)) {
            groupLaunched(members);
        }
    }

    private void groupLaunched(List<NestedTask> members) {
        boolean allLaunched = members.stream().allMatch(member -> member.launched);
        for (NestedTask task : members) {
            task.groupReported = true;
            if (allLaunched) {
                update(task, TaskState.TASK_STARTING);
                update(task, TaskState.TASK_RUNNING);
                task.runningReported = true;
            }
            if (task.launched) {
                startWait(task);
            }
        }
        if (!allLaunched) {
            LOG.error("Task group {} could not be launched whole: killing what was launched", members.get(0).group);
            groupsBeingKilled.add(members.get(0).group);
            for (NestedTask task : members) {
                if (!task.launched) {
                    ended(task, TaskStatus.newBuilder().setState(TaskState.TASK_FAILED)
                            .setReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED).setMessage(task.launchFailure));
                }
            }
            members.stream().filter(task -> task.launched).forEach(task -> kill(task, task.gracePeriod(null)));
        }
        // KILLs or a SHUTDOWN that came while the group was being launched.
        members.stream().filter(task -> task.killing && task.launched).forEach(this::signal);
    }

    private void startWait(NestedTask task) {
        task.waiting = true;
        api.waitFor(task.containerId, (response, failure) -> waitAnswered(task, response, failure));
    }

    private void waitAnswered(NestedTask task, AgentHttp.Response response, IOException failure) {
        task.waiting = false;
        if (task.terminal) {
            return;
        }
        if (ContainerApi.agentAway(response, failure)) {
            // The agent may be restarting: wait again once it is back (see subscribed()).
            LOG.warn("Lost the wait for task {} ({}); waiting again once the agent is back", task.id(),
                    failure != null ? failure.toString() : response.status + " " + response.bodyText());
            actor.schedule(WAIT_RETRY, () -> {
                if (!task.terminal && !task.waiting && session.isSubscribed()) {
                    startWait(task);
                }
            });
            return;
        }
        if (response.status == 404) {
            ended(task, TaskStatus.newBuilder().setState(TaskState.TASK_FAILED)
                    .setReason(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED)
                    .setMessage("Container " + task.containerId.getValue() + ": container is unknown to the agent"));
            return;
        }
        if (response.status != 200) {
            ended(task, TaskStatus.newBuilder().setState(TaskState.TASK_FAILED)
                    .setMessage("Agent answered WAIT_CONTAINER with " + response.status + ": " + response.bodyText()));
            return;
        }
        try {
            Response.WaitContainer wait = Response.parseFrom(response.body).getWaitContainer();
            ended(task, ContainerExits.terminalStatus(wait, task.killing));
        } catch (InvalidProtocolBufferException e) {
            ended(task, TaskStatus.newBuilder().setState(TaskState.TASK_FAILED)
                    .setMessage("Malformed WAIT_CONTAINER answer from the agent: " + e.getMessage()));
        }
    }

    private void kill(NestedTask task, Duration grace) {
        if (task.terminal || task.killing) {
            return;
        }
        task.killing = true;
        task.killGrace = grace;
        if (task.groupReported && task.launched) {
            signal(task);
        }
    }

    /** SIGTERM now, SIGKILL once the grace period is over. */
    private void signal(NestedTask task) {
        if (task.signalled || task.terminal) {
            return;
        }
        task.signalled = true;
        if (killingState && task.runningReported) {
            update(task, TaskState.TASK_KILLING);
        }
        LOG.info("Killing task {}: SIGTERM to container {}, SIGKILL after {} ms", task.id(),
                task.containerId.getValue(), task.killGrace.toMillis());
        api.kill(task.containerId, SIGTERM);
        task.escalation = actor.schedule(task.killGrace, () -> {
            if (!task.terminal) {
                LOG.info("Grace period of task {} over: SIGKILL", task.id());
                api.kill(task.containerId, SIGKILL);
            }
        });
    }

    private void ended(NestedTask task, TaskStatus.Builder terminal) {
        task.terminal = true;
        if (task.escalation != null) {
            task.escalation.cancel(false);
        }
        terminal.setTaskId(task.info.getTaskId()).setContainerStatus(containerStatus(task));
        if (hasActiveTasks()) {
            status.update(terminal);
        } else {
            status.terminal(terminal, lastAckTimeout);
            allEnded.run();
        }
        // Mesos' default policy for a task group: one task ending unsuccessfully takes the others.
        if (terminal.getState() != TaskState.TASK_FINISHED && !shuttingDown && groupsBeingKilled.add(task.group)) {
            for (NestedTask sibling : tasks.values()) {
                if (sibling.group == task.group && !sibling.terminal && !sibling.killing) {
                    LOG.info("Killing task {}: task {} of its group ended {}", sibling.id(), task.id(), terminal.getState());
                    kill(sibling, sibling.gracePeriod(null));
                }
            }
        }
    }

    private void update(NestedTask task, TaskState state) {
        status.update(TaskStatus.newBuilder().setTaskId(task.info.getTaskId()).setState(state)
                .setContainerStatus(containerStatus(task)));
    }

    private static ContainerStatus containerStatus(NestedTask task) {
        return ContainerStatus.newBuilder().setContainerId(task.containerId).build();
    }

    /** {@code tasks/<task id>} → {@code ../containers/<container id>} in the executor sandbox, like Mesos. */
    private void linkSandbox(NestedTask task) {
        Path link = config.sandbox.resolve("tasks").resolve(task.id());
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of("..", "containers", task.containerId.getValue()));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot link the sandbox of task {} at {}: {}", task.id(), link, e.toString());
        }
    }
}
