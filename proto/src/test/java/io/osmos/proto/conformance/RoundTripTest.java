package io.osmos.proto.conformance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.ByteString;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OfferID;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;

/**
 * Messages cross between our classes and Apache Mesos' own v1 classes in both directions without
 * losing anything: what a Mesos client sends, we read; what we send, a Mesos client reads.
 */
public class RoundTripTest {

    private static Resource reserved(String name, double value, String role) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole(role).setPrincipal("ops"))
                .build();
    }

    private static TaskInfo burstableTask() {
        return TaskInfo.newBuilder().setName("burst").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a-S0"))
                .addResources(reserved("cpus", 0.25, "eng"))
                .setCommand(CommandInfo.newBuilder().setValue("sleep 10"))
                .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build())
                .putLimits("mem", Value.Scalar.newBuilder().setValue(256).build())
                .setData(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}))
                .build();
    }

    @Test
    public void aSchedulerAcceptWithLimitsAndReservationUpdateReachesMesosIntact() throws Exception {
        io.osmos.proto.v1.scheduler.Call ours = io.osmos.proto.v1.scheduler.Call.newBuilder()
                .setType(io.osmos.proto.v1.scheduler.Call.Type.ACCEPT)
                .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1"))
                .setAccept(io.osmos.proto.v1.scheduler.Call.Accept.newBuilder()
                        .addOfferIds(OfferID.newBuilder().setValue("o-1"))
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                                .setReserve(Offer.Operation.Reserve.newBuilder()
                                        .addSource(reserved("disk", 64, "eng"))
                                        .addResources(reserved("disk", 64, "ops"))))
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(burstableTask()))))
                .build();

        org.apache.mesos.v1.scheduler.Protos.Call theirs =
                org.apache.mesos.v1.scheduler.Protos.Call.parseFrom(ours.toByteArray());

        assertTrue(theirs.isInitialized());
        var reserve = theirs.getAccept().getOperations(0).getReserve();
        assertEquals("eng", reserve.getSource(0).getReservations(0).getRole());
        assertEquals("ops", reserve.getResources(0).getReservations(0).getRole());
        var task = theirs.getAccept().getOperations(1).getLaunch().getTaskInfos(0);
        assertEquals(Double.POSITIVE_INFINITY, task.getLimitsMap().get("cpus").getValue(), 0);
        assertEquals(256, task.getLimitsMap().get("mem").getValue(), 0);
        assertEquals(ours, io.osmos.proto.v1.scheduler.Call.parseFrom(theirs.toByteArray()));
    }

    @Test
    public void aMesosSubscribeAndOperatorCallAreReadByUs() throws Exception {
        org.apache.mesos.v1.scheduler.Protos.Call subscribe = org.apache.mesos.v1.scheduler.Protos.Call.newBuilder()
                .setType(org.apache.mesos.v1.scheduler.Protos.Call.Type.SUBSCRIBE)
                .setSubscribe(org.apache.mesos.v1.scheduler.Protos.Call.Subscribe.newBuilder()
                        .setFrameworkInfo(org.apache.mesos.v1.Protos.FrameworkInfo.newBuilder().setUser("root")
                                .setName("mesos-client").addRoles("eng").setFailoverTimeout(60)
                                .addCapabilities(org.apache.mesos.v1.Protos.FrameworkInfo.Capability.newBuilder()
                                        .setType(org.apache.mesos.v1.Protos.FrameworkInfo.Capability.Type.MULTI_ROLE))))
                .build();
        io.osmos.proto.v1.scheduler.Call ours = io.osmos.proto.v1.scheduler.Call.parseFrom(subscribe.toByteArray());
        FrameworkInfo info = ours.getSubscribe().getFrameworkInfo();
        assertEquals("mesos-client", info.getName());
        assertEquals(FrameworkInfo.Capability.Type.MULTI_ROLE, info.getCapabilities(0).getType());
        assertEquals(subscribe, org.apache.mesos.v1.scheduler.Protos.Call.parseFrom(ours.toByteArray()));

        org.apache.mesos.v1.master.Protos.Call reserve = org.apache.mesos.v1.master.Protos.Call.newBuilder()
                .setType(org.apache.mesos.v1.master.Protos.Call.Type.RESERVE_RESOURCES)
                .setReserveResources(org.apache.mesos.v1.master.Protos.Call.ReserveResources.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("a-S0"))
                        .addSource(org.apache.mesos.v1.Protos.Resource.parseFrom(reserved("cpus", 1, "a").toByteArray()))
                        .addResources(org.apache.mesos.v1.Protos.Resource.parseFrom(reserved("cpus", 1, "b").toByteArray())))
                .build();
        Call call = Call.parseFrom(reserve.toByteArray());
        assertEquals(Call.Type.RESERVE_RESOURCES, call.getType());
        assertEquals("a", call.getReserveResources().getSource(0).getReservations(0).getRole());
        assertEquals("b", call.getReserveResources().getResources(0).getReservations(0).getRole());
    }

    @Test
    public void anEventWeSendIsDecodedByMesosClasses() throws Exception {
        Event ours = Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(io.osmos.proto.v1.TaskStatus.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue("t1"))
                        .setState(io.osmos.proto.v1.TaskState.TASK_FAILED)
                        .setReason(io.osmos.proto.v1.TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY)
                        .setMessage("Memory limit exceeded")
                        .setUuid(ByteString.copyFromUtf8("0123456789abcdef"))))
                .build();
        var theirs = org.apache.mesos.v1.scheduler.Protos.Event.parseFrom(ours.toByteArray());
        assertEquals(org.apache.mesos.v1.Protos.TaskState.TASK_FAILED, theirs.getUpdate().getStatus().getState());
        assertEquals(org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY,
                theirs.getUpdate().getStatus().getReason());
        assertEquals(ours, Event.parseFrom(theirs.toByteArray()));
    }
}
