package io.osmos.executor;

import java.time.Duration;
import java.util.function.IntConsumer;

import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor's behaviour: reacts to the agent's events, hands task groups to the
 * {@link TaskGroupRunner} and exits once no task is left and every update is acknowledged. Runs on
 * the actor only.
 */
final class TaskGroupController implements AgentSession.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskGroupController.class);
    // Leaves time within the agent's own shutdown grace period to report the tasks killed.
    private static final Duration SHUTDOWN_BUFFER = Duration.ofSeconds(1);

    private final ExecutorConfig config;
    private final IntConsumer exit;
    private final StatusReporter status;
    private final ContainerApi api;
    private final TaskGroupRunner runner;
    private AgentSession session;

    private ContainerID executorContainer;
    private boolean subscribedOnce;
    /** Every task has ended (or SHUTDOWN came): no more task groups are taken. */
    private boolean finishing;
    private boolean exited;

    /**
     * @param exit called once, on the actor, with the executor's exit code
     */
    TaskGroupController(ExecutorConfig config, Actor actor, IntConsumer exit) {
        this.config = config;
        this.exit = exit;
        this.status = new StatusReporter(config, actor, () -> exit(0));
        this.api = new ContainerApi(config, actor);
        this.runner = new TaskGroupRunner(config, actor, api, status, () -> finishing = true);
    }

    void attach(AgentSession agentSession) {
        this.session = agentSession;
        status.attach(agentSession);
        runner.attach(agentSession);
    }

    @Override
    public Call subscribeCall() {
        return status.calls().subscribe(runner.unacknowledgedTasks(), status.forSubscribe());
    }

    @Override
    public void onEvent(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED: onSubscribed(event.getSubscribed()); break;
            case LAUNCH: rejectSingleTask(event.getLaunch().getTask()); break;
            case LAUNCH_GROUP: launchGroup(event.getLaunchGroup()); break;
            case KILL: runner.kill(event.getKill().getTaskId(), event.getKill().hasKillPolicy()
                    ? event.getKill().getKillPolicy() : null); break;
            case ACKNOWLEDGED: acknowledged(event.getAcknowledged()); break;
            case SHUTDOWN: shutdown(); break;
            case ERROR:
                LOG.error("The agent reported an error: {}", event.getError().getMessage());
                exit(1);
                break;
            case MESSAGE: LOG.debug("Ignoring a framework message of {} bytes", event.getMessage().getData().size()); break;
            case HEARTBEAT: LOG.trace("Heartbeat"); break;
            default: LOG.warn("Ignoring an event of unknown type {}", event.getType()); break;
        }
    }

    /**
     * The task containers are the agent's: they go when the agent destroys the executor's
     * container, so there is nothing to kill from here.
     */
    @Override
    public void onAgentLost(String reason) {
        LOG.error("{}: exiting", reason);
        exit(1);
    }

    @Override
    public void onProtocolError(String reason) {
        LOG.error("Giving up: {}", reason);
        exit(1);
    }

    private void onSubscribed(Event.Subscribed info) {
        if (info.hasContainerId()) {
            executorContainer = info.getContainerId();
        }
        session.subscribed();
        status.subscribed(info);
        LOG.info("{} with agent {} for framework {} (container {})", subscribedOnce ? "Re-subscribed" : "Subscribed",
                info.getAgentInfo().getId().getValue(), config.frameworkId.getValue(),
                executorContainer == null ? "unknown" : executorContainer.getValue());
        subscribedOnce = true;
        runner.subscribed(info);
    }

    private void launchGroup(Event.LaunchGroup launch) {
        if (finishing) {
            LOG.warn("Ignoring a task group of {} task(s): the executor is shutting down",
                    launch.getTaskGroup().getTasksCount());
            return;
        }
        if (executorContainer == null) {
            for (TaskInfo task : launch.getTaskGroup().getTasksList()) {
                status.update(task.getTaskId(), TaskState.TASK_FAILED,
                        "The agent did not tell the executor its container id, needed to launch nested containers");
            }
            return;
        }
        runner.launchGroup(launch.getTaskGroup(), executorContainer);
    }

    private void rejectSingleTask(TaskInfo task) {
        LOG.error("Rejecting task {}: the default executor runs task groups only", task.getTaskId().getValue());
        status.update(task.getTaskId(), TaskState.TASK_FAILED, "The default executor runs task groups (LAUNCH_GROUP) only");
    }

    private void shutdown() {
        LOG.info("The agent asked the executor to shut down");
        finishing = true;
        if (!runner.hasActiveTasks()) {
            exit(0);
            return;
        }
        Duration grace = config.shutdownGracePeriod.minus(SHUTDOWN_BUFFER);
        runner.shutdown(grace.isNegative() ? Duration.ZERO : grace);
    }

    private void acknowledged(Event.Acknowledged ack) {
        if (status.acknowledged(ack) != null) {
            runner.acknowledged(ack.getTaskId());
        }
    }

    private void exit(int code) {
        if (exited) {
            return;
        }
        exited = true;
        session.close();
        api.close();
        LOG.info("Default executor exiting with code {}", code);
        exit.accept(code);
    }
}
