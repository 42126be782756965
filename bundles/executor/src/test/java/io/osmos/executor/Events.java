package io.osmos.executor;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.Environment;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.TaskGroupInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

/** Agent events as a test agent sends them. */
public final class Events {

    public static final String FRAMEWORK = "framework-1";
    public static final String EXECUTOR = "executor-1";
    public static final String AGENT = "agent-1";
    public static final String EXECUTOR_CONTAINER = "executor-container-1";

    private Events() {
    }

    public static Event subscribed(boolean taskKillingState) {
        FrameworkInfo.Builder framework = FrameworkInfo.newBuilder().setUser("nobody").setName("test")
                .setId(FrameworkID.newBuilder().setValue(FRAMEWORK));
        if (taskKillingState) {
            framework.addCapabilities(FrameworkInfo.Capability.newBuilder()
                    .setType(FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
        }
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setExecutorInfo(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(EXECUTOR)))
                .setFrameworkInfo(framework)
                .setAgentInfo(AgentInfo.newBuilder().setHostname("localhost").setId(AgentID.newBuilder().setValue(AGENT))))
                .build();
    }

    /** SUBSCRIBED as a default executor gets it: with its own container id. */
    public static Event subscribedInContainer(boolean taskKillingState) {
        Event event = subscribed(taskKillingState);
        return event.toBuilder().setSubscribed(event.getSubscribed().toBuilder()
                .setContainerId(ContainerID.newBuilder().setValue(EXECUTOR_CONTAINER))).build();
    }

    public static Event launchGroup(TaskInfo... tasks) {
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (TaskInfo task : tasks) {
            group.addTasks(task);
        }
        return Event.newBuilder().setType(Event.Type.LAUNCH_GROUP)
                .setLaunchGroup(Event.LaunchGroup.newBuilder().setTaskGroup(group)).build();
    }

    public static TaskInfo shellTask(String id, String command) {
        return task(id, CommandInfo.newBuilder().setValue(command).build());
    }

    public static TaskInfo task(String id, CommandInfo command) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue(AGENT)).setCommand(command).build();
    }

    public static CommandInfo withVariable(CommandInfo command, String name, String value) {
        return command.toBuilder().setEnvironment(Environment.newBuilder()
                .addVariables(Environment.Variable.newBuilder().setName(name).setValue(value))).build();
    }

    public static Event launch(TaskInfo task) {
        return Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build();
    }

    public static Event kill(String taskId, Long graceMillis) {
        Event.Kill.Builder kill = Event.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
        if (graceMillis != null) {
            kill.setKillPolicy(KillPolicy.newBuilder()
                    .setGracePeriod(DurationInfo.newBuilder().setNanoseconds(graceMillis * 1_000_000L)));
        }
        return Event.newBuilder().setType(Event.Type.KILL).setKill(kill).build();
    }

    public static Event acknowledged(Call.Update update) {
        return Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(Event.Acknowledged.newBuilder()
                .setTaskId(update.getStatus().getTaskId()).setUuid(update.getStatus().getUuid())).build();
    }

    public static Event of(Event.Type type) {
        return Event.newBuilder().setType(type).build();
    }

    public static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
    }
}
