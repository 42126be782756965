package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import io.osmos.api.loop.SerialLoop;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;

import org.junit.After;
import org.junit.Test;

public class StatusUpdateManagerTest {

    private final SerialLoop loop = new SerialLoop("test");
    private final List<AgentCall> sent = new ArrayList<>();
    private final StatusUpdateManager manager = new StatusUpdateManager(loop, sent::add, null);
    private final FrameworkID framework = FrameworkID.newBuilder().setValue("f").build();

    @After
    public void stop() {
        loop.close();
    }

    private static TaskStatus status(String task, TaskState state, String uuid) {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task)).setState(state)
                .setUuid(ByteString.copyFromUtf8(uuid)).build();
    }

    @Test
    public void updatesOfATaskGoOneAtATimeInOrderEachUntilAcknowledged() {
        manager.add(framework, status("t", TaskState.TASK_RUNNING, "u1"));
        manager.add(framework, status("t", TaskState.TASK_FINISHED, "u2"));
        assertEquals(1, sent.size());
        assertEquals(TaskState.TASK_RUNNING, sent.get(0).getStatusUpdate().getStatus().getState());
        manager.resendAll();
        AgentCall.StatusUpdate resent = sent.get(1).getStatusUpdate();
        assertEquals("the head again, not the next one", TaskState.TASK_RUNNING, resent.getStatus().getState());
        assertEquals("with the latest state riding along", TaskState.TASK_FINISHED, resent.getLatestState());

        assertNull("a stale ack changes nothing", manager.acknowledge("f", "t", ByteString.copyFromUtf8("u2")));
        assertEquals(2, sent.size());
        assertEquals("u1", manager.acknowledge("f", "t", ByteString.copyFromUtf8("u1")).status().getUuid().toStringUtf8());
        assertEquals(3, sent.size());
        assertEquals(TaskState.TASK_FINISHED, sent.get(2).getStatusUpdate().getStatus().getState());
        manager.acknowledge("f", "t", ByteString.copyFromUtf8("u2"));
        assertFalse(manager.hasPending("f", "t"));
    }

    @Test
    public void aReconnectedMasterGetsEveryUnacknowledgedHeadAgain() {
        manager.add(framework, status("a", TaskState.TASK_RUNNING, "ua"));
        manager.add(framework, status("b", TaskState.TASK_FAILED, "ub"));
        sent.clear();
        manager.resendAll();
        assertEquals(2, sent.size());
        assertTrue(manager.hasPending("f", "b"));
        manager.forget("f");
        assertFalse(manager.hasPending("f", "a"));
    }
}
