package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ContainerInfo;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.LinuxInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskGroupInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.Value;

import org.junit.Test;

/** The limits and share_cgroups rules of reference §1.2, with Mesos' messages. */
public class ResourceLimitsTest {

    private static final AgentRecord CAPABLE = agent(AgentInfo.Capability.Type.TASK_RESOURCE_LIMITS);
    private static final AgentRecord OLD = agent(AgentInfo.Capability.Type.MULTI_ROLE);

    @Test
    public void limitsAreCheckedAgainstRequestsAndTheAgent() {
        assertNull(ResourceLimits.validate(task("t", 0.25, 32).putLimits("cpus", scalar(1)).putLimits("mem", scalar(128)).build(), CAPABLE));
        assertNull(ResourceLimits.validate(task("t", 0.25, 32).putLimits("cpus", scalar(Double.POSITIVE_INFINITY))
                .putLimits("mem", scalar(Double.POSITIVE_INFINITY)).build(), CAPABLE));
        assertEquals("Agent is not capable of handling task resource limits",
                ResourceLimits.validate(task("t", 1, 32).putLimits("cpus", scalar(2)).build(), OLD));
        assertEquals("Only cpus and mem may be included in a task's resource limits",
                ResourceLimits.validate(task("t", 1, 32).putLimits("disk", scalar(2)).build(), CAPABLE));
        assertEquals("The cpu limit must be greater than or equal to the cpu request",
                ResourceLimits.validate(task("t", 1, 32).putLimits("cpus", scalar(0.5)).build(), CAPABLE));
        assertEquals("The memory limit must be greater than or equal to the memory request",
                ResourceLimits.validate(task("t", 1, 64).putLimits("mem", scalar(32)).build(), CAPABLE));
        TaskInfo noCpu = TaskInfo.newBuilder(task("t", 1, 32).build()).clearResources()
                .addAllResources(Resources.parse("mem:32").allocatedTo("*").toList()).putLimits("cpus", scalar(1)).build();
        assertEquals("When a CPU limit is specified, a CPU request must also be specified",
                ResourceLimits.validate(noCpu, CAPABLE));
        assertTrue(ResourceLimits.validate(task("t", 1, 32).putLimits("cpus", scalar(Double.NaN)).build(), CAPABLE)
                .contains("non-negative"));
    }

    @Test
    public void shareCgroupsFalseIsOnlyForTaskGroups() {
        assertEquals("Only tasks in a task group may have 'share_cgroups' set to 'false'",
                ResourceLimits.validateShareCgroupsForLaunch(task("t", 1, 32).setContainer(share(false)).build()));
        assertNull(ResourceLimits.validateShareCgroupsForLaunch(task("t", 1, 32).setContainer(share(true)).build()));
    }

    @Test
    public void taskGroupsFollowMesosRules() {
        FrameworkRecord framework = new FrameworkRecord(FrameworkID.newBuilder().setValue("f").build(),
                FrameworkInfo.newBuilder().setUser("u").setName("n").build(), 0);
        Resources offered = Resources.parse("cpus:4;mem:1024").allocatedTo("*");
        TaskInfo limited = task("a", 0.5, 64).putLimits("mem", scalar(128)).setContainer(share(false)).build();
        TaskInfo plain = task("b", 0.5, 64).setContainer(share(false)).build();
        assertNull(TaskGroups.validate(group(limited, plain), framework, "a1", offered, CAPABLE, false));
        assertTrue(TaskGroups.validate(group(task("a", 0.5, 64).putLimits("mem", scalar(128)).build()), framework, "a1",
                offered, CAPABLE, false).contains("'share_cgroups' field is set to 'false'"));
        assertTrue(TaskGroups.validate(group(limited, task("b", 0.5, 64).build()), framework, "a1", offered, CAPABLE,
                false).contains("must be the same for all tasks"));
        assertTrue(TaskGroups.validate(group(plain, plain), framework, "a1", offered, CAPABLE, false)
                .contains("duplicate task ID"));
        assertTrue(TaskGroups.validate(group(task("big", 8, 64).build()), framework, "a1", offered, CAPABLE, false)
                .contains("more resources"));
        Offer.Operation.LaunchGroup custom = group(plain).toBuilder()
                .setExecutor(group(plain).getExecutor().toBuilder().setType(ExecutorInfo.Type.CUSTOM)).build();
        assertEquals("'ExecutorInfo.type' must be 'DEFAULT'",
                TaskGroups.validate(custom, framework, "a1", offered, CAPABLE, false));
    }

    private static Offer.Operation.LaunchGroup group(TaskInfo... tasks) {
        return Offer.Operation.LaunchGroup.newBuilder()
                .setExecutor(ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                        .setExecutorId(ExecutorID.newBuilder().setValue("e"))
                        .addAllResources(Resources.parse("cpus:0.1;mem:32").allocatedTo("*").toList()))
                .setTaskGroup(TaskGroupInfo.newBuilder().addAllTasks(List.of(tasks))).build();
    }

    private static TaskInfo.Builder task(String id, double cpus, double mem) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .addAllResources(Resources.parse("cpus:" + cpus + ";mem:" + mem).allocatedTo("*").toList())
                .setCommand(CommandInfo.newBuilder().setValue("true"));
    }

    private static ContainerInfo share(boolean share) {
        return ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
                .setLinuxInfo(LinuxInfo.newBuilder().setShareCgroups(share)).build();
    }

    private static Value.Scalar scalar(double value) {
        return Value.Scalar.newBuilder().setValue(value).build();
    }

    private static AgentRecord agent(AgentInfo.Capability.Type capability) {
        return new AgentRecord(AgentInfo.newBuilder().setHostname("h").build(),
                List.of(AgentInfo.Capability.newBuilder().setType(capability).build()), "1.10.0", "h:5051", 0, 0, true, "s");
    }
}
