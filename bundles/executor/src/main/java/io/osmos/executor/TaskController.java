package io.osmos.executor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command executor's behaviour: reacts to the agent's events, runs the one task, reports its
 * states and decides when to exit. Runs on the actor only.
 */
final class TaskController implements AgentSession.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskController.class);
    static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SHUTDOWN_ACK_TIMEOUT = Duration.ofSeconds(1);
    // Leaves time within the agent's own shutdown grace period to send TASK_KILLED after SIGKILL.
    private static final Duration SHUTDOWN_BUFFER = Duration.ofSeconds(1);

    private final ExecutorConfig config;
    private final Actor actor;
    private final IntConsumer exit;
    private final StatusReporter status;
    private AgentSession session;

    private Event.Subscribed subscribed;
    private TaskInfo task;
    private volatile Process process;
    private boolean taskAcknowledged;
    private boolean killing;
    private boolean killDone;
    private Integer exitValue;
    private boolean shuttingDown;
    private Integer exitAfterKill;
    private boolean exited;

    /**
     * @param exit called once, on the actor, with the executor's exit code
     */
    TaskController(ExecutorConfig config, Actor actor, IntConsumer exit) {
        this.config = config;
        this.actor = actor;
        this.exit = exit;
        this.status = new StatusReporter(config, actor, () -> exit(0));
    }

    void attach(AgentSession agentSession) {
        this.session = agentSession;
        status.attach(agentSession);
    }

    /** The task's process, if one was started; for a last-resort kill from any thread. */
    Process process() {
        return process;
    }

    @Override
    public Call subscribeCall() {
        List<TaskInfo> tasks = task != null && !taskAcknowledged ? List.of(task) : List.of();
        return status.calls().subscribe(tasks, status.forSubscribe());
    }

    @Override
    public void onEvent(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED: onSubscribed(event.getSubscribed()); break;
            case LAUNCH: launch(event.getLaunch().getTask()); break;
            case LAUNCH_GROUP: rejectGroup(event.getLaunchGroup()); break;
            case KILL: kill(event.getKill()); break;
            case ACKNOWLEDGED: acknowledged(event.getAcknowledged()); break;
            case SHUTDOWN: shutdown(); break;
            case ERROR:
                LOG.error("The agent reported an error: {}", event.getError().getMessage());
                terminate(1);
                break;
            case MESSAGE: LOG.debug("Ignoring a framework message of {} bytes", event.getMessage().getData().size()); break;
            case HEARTBEAT: LOG.trace("Heartbeat"); break;
            default: LOG.warn("Ignoring an event of unknown type {}", event.getType()); break;
        }
    }

    @Override
    public void onAgentLost(String reason) {
        LOG.error("{}: killing the task and exiting", reason);
        terminate(1);
    }

    @Override
    public void onProtocolError(String reason) {
        LOG.error("Giving up: {}", reason);
        terminate(1);
    }

    private void onSubscribed(Event.Subscribed info) {
        boolean first = subscribed == null;
        subscribed = info;
        session.subscribed();
        status.subscribed(info);
        LOG.info("{} with agent {} for framework {}", first ? "Subscribed" : "Re-subscribed",
                info.getAgentInfo().getId().getValue(), config.frameworkId.getValue());
    }

    private void launch(TaskInfo launched) {
        String id = launched.getTaskId().getValue();
        if (shuttingDown || exitAfterKill != null) {
            LOG.warn("Ignoring task {}: the executor is shutting down", id);
            return;
        }
        if (task != null) {
            LOG.error("Rejecting task {}: this command executor already runs task {}", id, task.getTaskId().getValue());
            status.update(launched.getTaskId(), TaskState.TASK_ERROR,
                    "A command executor runs one task only; it already runs " + task.getTaskId().getValue());
            return;
        }
        task = launched;
        if (!launched.hasCommand() || !launched.getCommand().hasValue()) {
            terminal(TaskState.TASK_ERROR, "Task has no command to run");
            return;
        }
        status.update(launched.getTaskId(), TaskState.TASK_STARTING, null);
        try {
            process = TaskLauncher.start(launched, config);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot start task {}: {}", id, e.toString());
            terminal(TaskState.TASK_FAILED, "Failed to launch the command: " + e.getMessage());
            return;
        }
        status.update(launched.getTaskId(), TaskState.TASK_RUNNING, null);
        process.onExit().thenAccept(exited -> actor.execute(() -> taskExited(exited.exitValue())));
    }

    private void rejectGroup(Event.LaunchGroup group) {
        for (TaskInfo member : group.getTaskGroup().getTasksList()) {
            LOG.error("Rejecting task {}: the command executor does not run task groups", member.getTaskId().getValue());
            status.update(member.getTaskId(), TaskState.TASK_ERROR, "The command executor does not run task groups");
        }
    }

    private void kill(Event.Kill kill) {
        if (task == null || !task.getTaskId().equals(kill.getTaskId())) {
            LOG.warn("Ignoring KILL of unknown task {}", kill.getTaskId().getValue());
            return;
        }
        Duration grace = DEFAULT_KILL_GRACE;
        if (kill.hasKillPolicy() && kill.getKillPolicy().hasGracePeriod()) {
            grace = gracePeriod(kill.getKillPolicy());
        } else if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()) {
            grace = gracePeriod(task.getKillPolicy());
        }
        startKill(grace);
    }

    private void shutdown() {
        LOG.info("The agent asked the executor to shut down");
        shuttingDown = true;
        if (process == null) {
            exit(0);
            return;
        }
        Duration grace = config.shutdownGracePeriod.minus(SHUTDOWN_BUFFER);
        startKill(grace.isNegative() ? Duration.ZERO : grace);
    }

    /** Kills the task, if any still runs, then exits with the code. */
    private void terminate(int code) {
        exitAfterKill = code;
        if (process == null || (exitValue != null && !killing) || killDone) {
            exit(code);
            return;
        }
        startKill(config.shutdownGracePeriod);
    }

    private void startKill(Duration grace) {
        if (killing || exitValue != null || status.terminalSent()) {
            LOG.info("Task {} is already being killed or has ended", task.getTaskId().getValue());
            return;
        }
        killing = true;
        boolean killingState = subscribed != null && subscribed.getFrameworkInfo().getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        if (killingState && exitAfterKill == null) {
            status.update(task.getTaskId(), TaskState.TASK_KILLING, null);
        }
        ProcessHandle root = process.toHandle();
        Thread killer = new Thread(() -> {
            try {
                ProcessTrees.kill(root, grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            actor.execute(this::killFinished);
        }, "kill-" + root.pid());
        killer.setDaemon(true);
        killer.start();
    }

    private void killFinished() {
        killDone = true;
        if (exitValue != null) {
            taskGone();
        }
    }

    private void taskExited(int value) {
        exitValue = value;
        LOG.info("Task {} process exited: {}", task.getTaskId().getValue(), TaskLauncher.describeExit(value));
        if (!killing || killDone) {
            taskGone();
        }
    }

    private void taskGone() {
        if (exitAfterKill != null) {
            exit(exitAfterKill);
        } else if (killing) {
            terminal(TaskState.TASK_KILLED, TaskLauncher.describeExit(exitValue));
        } else if (exitValue == 0) {
            terminal(TaskState.TASK_FINISHED, TaskLauncher.describeExit(0));
        } else {
            terminal(TaskState.TASK_FAILED, TaskLauncher.describeExit(exitValue));
        }
    }

    private void terminal(TaskState state, String message) {
        status.terminal(task.getTaskId(), state, message, shuttingDown ? SHUTDOWN_ACK_TIMEOUT : ACK_TIMEOUT);
    }

    private void acknowledged(Event.Acknowledged ack) {
        Call.Update update = status.acknowledged(ack);
        if (update != null && task != null && task.getTaskId().equals(ack.getTaskId())) {
            taskAcknowledged = true;
        }
    }

    private void exit(int code) {
        if (exited) {
            return;
        }
        exited = true;
        session.close();
        LOG.info("Command executor exiting with code {}", code);
        exit.accept(code);
    }

    private static Duration gracePeriod(KillPolicy policy) {
        long nanos = policy.getGracePeriod().getNanoseconds();
        return nanos > 0 ? Duration.ofNanos(nanos) : Duration.ZERO;
    }
}
