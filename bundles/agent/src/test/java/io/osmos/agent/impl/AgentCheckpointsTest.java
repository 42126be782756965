package io.osmos.agent.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import com.google.protobuf.ByteString;

import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AgentCheckpointsTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static ExecutorRun run(boolean checkpoint) {
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("u").setName("f").setCheckpoint(checkpoint)
                .setId(FrameworkID.newBuilder().setValue("fw-1")).build();
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("ex-1")).build();
        return new ExecutorRun(framework, executor, ContainerID.newBuilder().setValue("c-1").build(), Path.of("/sandbox"),
                ExecutorRun.Kind.COMMAND);
    }

    private static Task task(String id, TaskState state) {
        return Task.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1")).setState(state)
                .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue("a")).build();
    }

    @Test
    public void runsTasksAndUpdateStreamsComeBackAsWritten() throws Exception {
        CheckpointWriter writer = new CheckpointWriter();
        AgentCheckpoints checkpoints = new AgentCheckpoints(folder.getRoot().toPath(), writer);
        ExecutorRun run = run(true);
        run.process = ProcessHandle.current();
        run.processStartMillis = 1234;
        checkpoints.runCreated("agent-1", run);
        checkpoints.task("agent-1", run, task("t1", TaskState.TASK_RUNNING), null);
        TaskInfo queued = TaskInfo.newBuilder().setName("t2").setTaskId(TaskID.newBuilder().setValue("t2"))
                .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue("a")).build();
        checkpoints.task("agent-1", run, task("t2", TaskState.TASK_STAGING), queued);
        TaskStatus pending = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
                .setState(TaskState.TASK_RUNNING).setUuid(ByteString.copyFromUtf8("u2")).build();
        AgentCheckpoints.updates(writer, checkpoints.taskDir("agent-1", run, "t1"), List.of(pending),
                List.of(ByteString.copyFromUtf8("u1"))).get();
        writer.close();

        List<AgentCheckpoints.RunCheckpoint> loaded = new AgentCheckpoints(folder.getRoot().toPath(), new CheckpointWriter())
                .load("agent-1");
        assertEquals(1, loaded.size());
        AgentCheckpoints.RunCheckpoint back = loaded.get(0);
        assertEquals(run.framework, back.framework());
        assertEquals(run.info, back.executor());
        assertEquals("c-1", back.containerId().getValue());
        assertEquals(ProcessHandle.current().pid(), back.pid());
        assertEquals(1234, back.startMillis());
        assertEquals(ExecutorRun.Kind.COMMAND, back.kind());
        assertEquals(2, back.tasks().size());
        AgentCheckpoints.TaskCheckpoint t1 = back.tasks().get(0);
        assertEquals(TaskState.TASK_RUNNING, t1.task().getState());
        assertNull(t1.queued());
        assertEquals(List.of(pending), t1.pending());
        assertEquals(List.of(ByteString.copyFromUtf8("u1")), t1.acknowledged());
        assertEquals(queued, back.tasks().get(1).queued());
    }

    @Test
    public void aTornWriteLeavesTheOldFileAndItsTemporaryIsIgnored() throws Exception {
        Path file = folder.getRoot().toPath().resolve("dir/task.pb");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        // A crash during the next write leaves only a temporary file next to the old one.
        Files.write(file.getParent().resolve(".task.pb123" + AtomicFiles.TEMP_SUFFIX), new byte[] {9});
        assertArrayEquals(new byte[] {1, 2, 3}, AtomicFiles.read(file).orElseThrow());
        AtomicFiles.write(file, new byte[] {4});
        assertArrayEquals(new byte[] {4}, AtomicFiles.read(file).orElseThrow());
        try (var list = Files.list(file.getParent())) {
            assertEquals("no temporary file of ours is left", 2, list.count());
        }
    }

    @Test
    public void aRunThatEndedIsNoLongerRecoveredAndNonCheckpointingFrameworksAreNotWritten() throws Exception {
        CheckpointWriter writer = new CheckpointWriter();
        AgentCheckpoints checkpoints = new AgentCheckpoints(folder.getRoot().toPath(), writer);
        RunCheckpointer checkpointer = new RunCheckpointer(checkpoints, () -> "agent-1");
        ExecutorRun kept = run(true);
        checkpointer.created(kept);
        checkpointer.removed(kept);
        checkpointer.created(run(false));
        writer.close();
        assertTrue(checkpoints.load("agent-1").isEmpty());
    }

    @Test
    public void aLiveProcessWithTheSameStartIsAdoptedAnythingElseIsLost() {
        assertEquals(RecoveryDecision.ADOPT, RecoveryDecision.of(42, 1000, pid -> OptionalLong.of(1000)));
        assertEquals("pid reused by a later process", RecoveryDecision.LOST,
                RecoveryDecision.of(42, 1000, pid -> OptionalLong.of(2000)));
        assertEquals("process gone", RecoveryDecision.LOST, RecoveryDecision.of(42, 1000, pid -> OptionalLong.empty()));
        assertEquals("never started", RecoveryDecision.LOST, RecoveryDecision.of(0, 0, pid -> OptionalLong.of(0)));
        long me = ProcessHandle.current().pid();
        long start = RecoveryDecision.startOf(me).orElseThrow();
        assertEquals(RecoveryDecision.ADOPT, RecoveryDecision.of(me, start, RecoveryDecision::startOf));
    }
}
