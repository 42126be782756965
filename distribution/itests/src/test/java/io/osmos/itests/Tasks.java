package io.osmos.itests;

import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.scheduler.Call;

/** Builders for the frameworks, tasks and calls the tests send. */
final class Tasks {

    private Tasks() {
    }

    static FrameworkInfo framework(String name, String role) {
        return FrameworkInfo.newBuilder().setUser("root").setName(name).addRoles(role)
                .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
                .build();
    }

    static Resource scalar(String name, double value, String role) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build();
    }

    static TaskInfo command(String id, Offer offer, String shell, String role) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(offer.getAgentId()).addResources(scalar("cpus", 0.1, role))
                .addResources(scalar("mem", 32, role)).setCommand(CommandInfo.newBuilder().setValue(shell))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(1_000_000_000L)))
                .build();
    }

    static Call.Builder launch(Offer offer, TaskInfo... tasks) {
        return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId()).addOperations(Offer.Operation.newBuilder()
                        .setType(Offer.Operation.Type.LAUNCH)
                        .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(java.util.List.of(tasks)))));
    }

    /** LAUNCH_GROUP of the tasks under the default executor {@code executorId}. */
    static Call.Builder launchGroup(Offer offer, String executorId, String role, TaskInfo... tasks) {
        io.osmos.proto.v1.ExecutorInfo executor = io.osmos.proto.v1.ExecutorInfo.newBuilder()
                .setType(io.osmos.proto.v1.ExecutorInfo.Type.DEFAULT)
                .setExecutorId(io.osmos.proto.v1.ExecutorID.newBuilder().setValue(executorId))
                .addResources(scalar("cpus", 0.1, role)).addResources(scalar("mem", 32, role)).build();
        return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
                .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor)
                                .setTaskGroup(io.osmos.proto.v1.TaskGroupInfo.newBuilder()
                                        .addAllTasks(java.util.List.of(tasks))))));
    }
}
