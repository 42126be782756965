package io.osmos.http.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.CheckStatusInfo;
import io.osmos.proto.v1.ContainerInfo;
import io.osmos.proto.v1.ContainerStatus;
import io.osmos.proto.v1.DiscoveryInfo;
import io.osmos.proto.v1.DurationInfo;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.HealthCheck;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Labels;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.ResourceProviderID;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskResourceLimitation;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.TimeInfo;
import io.osmos.proto.v1.Value;

import org.junit.Test;

public class TaskJsonTest {

    @Test
    public void writesEveryFieldOfTheMessagesItHandles() {
        // A field added to one of these messages must be added to TaskJson too, or it would go missing.
        assertFields(Task.getDescriptor(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        assertFields(TaskStatus.getDescriptor(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertFields(Resource.getDescriptor(), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertFields(Labels.getDescriptor(), 1);
        assertFields(Label.getDescriptor(), 1, 2);
        assertFields(Value.Scalar.getDescriptor(), 1);
        assertFields(Resource.AllocationInfo.getDescriptor(), 1);
        for (Descriptor id : new Descriptor[] {TaskID.getDescriptor(), FrameworkID.getDescriptor(),
                AgentID.getDescriptor(), ExecutorID.getDescriptor()}) {
            assertFields(id, 1);
        }
    }

    @Test
    public void fullTaskReadsAsWireJsonWritesIt() throws IOException {
        assertSameJson(fullTask());
    }

    @Test
    public void sparseMessagesReadAsWireJsonWritesThem() throws IOException {
        assertSameJson(Task.newBuilder().setName("t").buildPartial());
        assertSameJson(Task.newBuilder().setTaskId(TaskID.newBuilder().buildPartial())
                .setLabels(Labels.getDefaultInstance()).buildPartial());
        assertSameJson(TaskStatus.newBuilder().setState(TaskState.TASK_LOST).buildPartial());
        assertSameJson(Resource.newBuilder().setName("cpus").buildPartial());
        assertSameJson(Resource.newBuilder().setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().buildPartial())
                .buildPartial());
    }

    @Test
    public void otherMessagesGoThroughWireJson() throws IOException {
        Message other = Labels.newBuilder().addLabels(Label.newBuilder().setKey("k")).build();
        assertEquals(json(other, false), json(other, true));
        assertSameJson(AgentID.newBuilder().setValue("a \u00e9").build());
        assertSameJson(FrameworkID.newBuilder().buildPartial());
    }

    private static Task fullTask() {
        Labels labels = Labels.newBuilder().addLabels(Label.newBuilder().setKey("k1").setValue("v \"1\" é"))
                .addLabels(Label.newBuilder().setKey("k2")).build();
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
                .setState(TaskState.TASK_FAILED).setData(ByteString.copyFromUtf8("data"))
                .setMessage("Memory limit exceeded").setAgentId(AgentID.newBuilder().setValue("a1"))
                .setTimestamp(1.7648e9 + 0.123456).setExecutorId(ExecutorID.newBuilder().setValue("e1"))
                .setHealthy(false).setSource(TaskStatus.Source.SOURCE_AGENT)
                .setReason(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY)
                .setUuid(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xff})).setLabels(labels)
                .setContainerStatus(ContainerStatus.newBuilder().setExecutorPid(42))
                .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(7))
                .setCheckStatus(CheckStatusInfo.newBuilder().setType(io.osmos.proto.v1.CheckInfo.Type.COMMAND))
                .setLimitation(TaskResourceLimitation.newBuilder().addResources(scalar("mem", 64)))
                .build();
        Resource reserved = scalar("disk", 1024).toBuilder().setRole("ops")
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("ops"))
                .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole("ops").setPrincipal("p").setLabels(labels))
                .setDisk(Resource.DiskInfo.newBuilder().setPersistence(
                        Resource.DiskInfo.Persistence.newBuilder().setId("v1")))
                .setRevocable(Resource.RevocableInfo.getDefaultInstance())
                .setShared(Resource.SharedInfo.getDefaultInstance())
                .setProviderId(ResourceProviderID.newBuilder().setValue("rp"))
                .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal("old")).build();
        Resource ports = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(
                Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000))).build();
        Resource zones = Resource.newBuilder().setName("zones").setType(Value.Type.SET)
                .setSet(Value.Set.newBuilder().addItem("a").addItem("b")).build();
        return Task.newBuilder().setName("web \u2603").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
                .setExecutorId(ExecutorID.newBuilder().setValue("e1")).setAgentId(AgentID.newBuilder().setValue("a1"))
                .setState(TaskState.TASK_RUNNING).addResources(scalar("cpus", 0.25)).addResources(reserved)
                .addResources(ports).addResources(zones).addStatuses(status)
                .addStatuses(status.toBuilder().setState(TaskState.TASK_RUNNING).clearMessage())
                .setStatusUpdateState(TaskState.TASK_FAILED).setStatusUpdateUuid(ByteString.copyFrom(new byte[16]))
                .setLabels(labels).setDiscovery(DiscoveryInfo.newBuilder().setVisibility(DiscoveryInfo.Visibility.FRAMEWORK))
                .setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS))
                .setUser("nobody").setHealthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.TCP))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(5)))
                .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build())
                .putLimits("mem", Value.Scalar.newBuilder().setValue(128).build())
                .build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static void assertFields(Descriptor type, int... numbers) {
        Set<Integer> expected = new TreeSet<>();
        for (int number : numbers) {
            expected.add(number);
        }
        Set<Integer> actual = new TreeSet<>();
        for (FieldDescriptor field : type.getFields()) {
            actual.add(field.getNumber());
            assertFalse(type.getName() + "." + field.getName() + " declares a default TaskJson does not write",
                    field.hasDefaultValue() && !field.getOptions().getDeprecated());
        }
        assertEquals(type.getFullName(), expected, actual);
    }

    private static void assertSameJson(Message message) throws IOException {
        assertEquals(json(message, false), json(message, true));
    }

    private static String json(Message message, boolean direct) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MesosJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            if (direct) {
                TaskJson.write(message, g);
            } else {
                WireJson.write(message, g);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
