package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import com.google.protobuf.ByteString;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.scheduler.Call;

import org.junit.Test;

public class SchedulerValidationTest {

    private static final FrameworkInfo.Capability MULTI_ROLE = FrameworkInfo.Capability.newBuilder()
            .setType(FrameworkInfo.Capability.Type.MULTI_ROLE).build();

    private static FrameworkInfo.Builder info() {
        return FrameworkInfo.newBuilder().setUser("u").setName("n");
    }

    @Test
    public void frameworkRolesFollowTheMultiRoleRules() {
        assertNull(Subscriptions.invalid(info().build(), List.of()));
        assertNull(Subscriptions.invalid(info().addCapabilities(MULTI_ROLE).addRoles("a").addRoles("b/c").build(),
                List.of("a")));
        assertTrue(Subscriptions.invalid(info().addRoles("a").build(), List.of()).contains("MULTI_ROLE"));
        assertTrue(Subscriptions.invalid(info().addCapabilities(MULTI_ROLE).setRole("a").build(), List.of())
                .contains("must not be set"));
        assertTrue(Subscriptions.invalid(info().addCapabilities(MULTI_ROLE).addRoles("a").addRoles("a").build(),
                List.of()).contains("duplicate"));
        assertTrue(Subscriptions.invalid(info().setRole("a/../b").build(), List.of()).contains("invalid path"));
        assertTrue(Subscriptions.invalid(info().setRole("a").build(), List.of("b")).contains("Suppressed role 'b'"));
    }

    @Test
    public void callsNeedTheirPayloadAndAFrameworkId() {
        assertEquals("Expecting 'type' to be present", CallValidation.validate(Call.getDefaultInstance()));
        assertEquals("Expecting 'framework_id' to be present",
                CallValidation.validate(Call.newBuilder().setType(Call.Type.REVIVE).build()));
        Call.Builder accept = Call.newBuilder().setType(Call.Type.ACCEPT)
                .setFrameworkId(FrameworkID.newBuilder().setValue("f"));
        assertEquals("Expecting 'accept' to be present", CallValidation.validate(accept.build()));
        Call ack = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(AgentID.newBuilder().setValue("a"))
                        .setTaskId(TaskID.newBuilder().setValue("t")).setUuid(ByteString.copyFromUtf8("short")))
                .build();
        assertTrue(CallValidation.validate(ack).contains("16 bytes"));
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setFrameworkId(FrameworkID.newBuilder().setValue("x"))
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info())).build();
        assertTrue(CallValidation.validate(subscribe).contains("differs"));
    }

    @Test
    public void tasksAreCheckedAsMesosChecksThem() {
        FrameworkRecord framework = new FrameworkRecord(FrameworkID.newBuilder().setValue("f").build(), info().build(), 0);
        Resources offered = Resources.parse("cpus:1;mem:128").allocatedTo("*");
        TaskInfo.Builder task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).addAllResources(
                        Resources.parse("cpus:0.5;mem:64").allocatedTo("*").toList())
                .setCommand(CommandInfo.newBuilder().setValue("true"));
        assertNull(TaskValidator.validate(task.build(), framework, "a1", offered, null));
        assertTrue(TaskValidator.validate(task.build(), framework, "a2", offered, null).contains("invalid agent"));
        assertTrue(TaskValidator.validate(task.clone().clearCommand().build(), framework, "a1", offered, null)
                .contains("CommandInfo or ExecutorInfo"));
        assertTrue(TaskValidator.validate(task.clone().setTaskId(TaskID.newBuilder().setValue("a/b")).build(),
                framework, "a1", offered, null).contains("invalid characters"));
        TaskInfo greedy = task.clone().clearResources()
                .addAllResources(Resources.parse("cpus:2;mem:64").allocatedTo("*").toList()).build();
        assertTrue(TaskValidator.validate(greedy, framework, "a1", offered, null).contains("more resources"));
    }
}
