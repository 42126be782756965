package io.osmos.executor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import org.junit.Test;

import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.agent.Response;

public class ContainerExitsTest {

    private static Response.WaitContainer exit(int waitStatus) {
        return Response.WaitContainer.newBuilder().setExitStatus(waitStatus).build();
    }

    @Test
    public void describesWaitStatusesLikeMesos() {
        assertEquals("exited with status 0", ContainerExits.describe(0));
        assertEquals("exited with status 3", ContainerExits.describe(3 << 8));
        assertEquals("terminated with signal Killed", ContainerExits.describe(9));
        assertEquals("terminated with signal Terminated", ContainerExits.describe(15));
        assertEquals("terminated with signal Segmentation fault", ContainerExits.describe(11 | 0x80));
        assertEquals("Real-time signal 0", ContainerExits.signalName(34));
    }

    @Test
    public void successFinishesEvenWhenKilling() {
        assertEquals(TaskState.TASK_FINISHED, ContainerExits.terminalStatus(exit(0), true).getState());
    }

    @Test
    public void failureIsKilledOnlyWhenTheExecutorKilled() {
        TaskStatus.Builder failed = ContainerExits.terminalStatus(exit(1 << 8), false);
        assertEquals(TaskState.TASK_FAILED, failed.getState());
        assertEquals("Command exited with status 1", failed.getMessage());
        assertFalse(failed.hasReason());
        assertEquals(TaskState.TASK_KILLED, ContainerExits.terminalStatus(exit(15), true).getState());
    }

    @Test
    public void theAgentsReasonAndMessageWin() {
        Response.WaitContainer wait = exit(9).toBuilder().setReason(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY)
                .setMessage("Memory limit exceeded").build();
        TaskStatus.Builder status = ContainerExits.terminalStatus(wait, false);
        assertEquals(TaskState.TASK_FAILED, status.getState());
        assertEquals(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY, status.getReason());
        assertEquals("Command terminated with signal Killed: Memory limit exceeded", status.getMessage());
        assertEquals(TaskState.TASK_GONE,
                ContainerExits.terminalStatus(wait.toBuilder().setState(TaskState.TASK_GONE).build(), false).getState());
    }

    @Test
    public void noExitStatusFails() {
        TaskStatus.Builder status = ContainerExits.terminalStatus(Response.WaitContainer.getDefaultInstance(), false);
        assertEquals(TaskState.TASK_FAILED, status.getState());
        assertEquals("Command terminated with unknown status", status.getMessage());
    }
}
