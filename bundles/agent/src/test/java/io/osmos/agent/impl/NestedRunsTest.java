package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.osmos.agent.containerizer.Containerizer;
import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.loop.SerialLoop;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Nested containers are checkpointed, and come back with their executor: adopted if alive, else known as ended. */
public class NestedRunsTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final SerialLoop loop = new SerialLoop("test");
    private final List<Process> processes = new ArrayList<>();

    @After
    public void stop() {
        processes.forEach(Process::destroyForcibly);
        loop.close();
    }

    private static ExecutorRun run(boolean checkpoint) {
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("u").setName("f").setCheckpoint(checkpoint)
                .setId(FrameworkID.newBuilder().setValue("fw-1")).build();
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("ex-1")).build();
        return new ExecutorRun(framework, executor, ContainerID.newBuilder().setValue("parent").build(), Path.of("/sandbox"),
                ExecutorRun.Kind.DEFAULT);
    }

    private static ContainerConfig nested(String id, boolean share, Map<String, Double> limits) {
        return new ContainerConfig(id, "parent", Path.of("/sandbox/containers/" + id), Map.of("cpus", 0.5), limits, true,
                share);
    }

    private static final List<Resource> CPUS = List.of(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
            .setScalar(Value.Scalar.newBuilder().setValue(0.5)).build());

    private Process sleep() throws Exception {
        Process process = new ProcessBuilder("sleep", "60").start();
        processes.add(process);
        return process;
    }

    private static long start(Process process) {
        return RecoveryDecision.startOf(process.pid()).orElseThrow();
    }

    private NestedCheckpoints checkpoints(CheckpointWriter writer) {
        return new NestedCheckpoints(new AgentCheckpoints(folder.getRoot().toPath(), writer), writer, () -> "agent-1");
    }

    private NestedRuns runs(Containerizer containerizer, CheckpointWriter writer) throws Exception {
        VolumeMounts volumes = new VolumeMounts(new PersistentVolumes(folder.newFolder().toPath()), new Mounts());
        return new NestedRuns(loop, containerizer, volumes, checkpoints(writer), RecoveryDecision::startOf);
    }

    @Test
    public void checkpointsComeBackAsWrittenAndGoWhenRemoved() throws Exception {
        CheckpointWriter writer = new CheckpointWriter();
        NestedCheckpoints checkpoints = checkpoints(writer);
        ExecutorRun run = run(true);
        checkpoints.launched(run, nested("n1", false, Map.of("mem", 64.0)), CPUS, 42, 1234);
        checkpoints.launched(run, nested("n2", true, Map.of()), List.of(), 43, 1235);
        checkpoints.ended(run, "n2", 3 << 8);
        checkpoints.launched(run(false), nested("n3", true, Map.of()), List.of(), 44, 1236);
        writer.flush(5);

        List<NestedCheckpoints.Nested> loaded = checkpoints.load(run);
        assertEquals(2, loaded.size());
        NestedCheckpoints.Nested n1 = loaded.get(0);
        assertEquals(nested("n1", false, Map.of("mem", 64.0)), n1.config());
        assertEquals(CPUS, n1.resources());
        assertEquals(42, n1.pid());
        assertEquals(1234, n1.startMillis());
        assertEquals(OptionalInt.empty(), n1.waitStatus());
        assertEquals(OptionalInt.of(3 << 8), loaded.get(1).waitStatus());
        assertTrue(loaded.get(1).config().shareCgroups());

        checkpoints.removed(run, "n1");
        writer.flush(5);
        assertEquals(List.of("n2"), checkpoints.load(run).stream().map(n -> n.config().containerId()).toList());
        writer.close();
    }

    @Test
    public void liveNestedContainersAreAdoptedWithTheirParentAndEndedOnesAreKnown() throws Exception {
        CheckpointWriter writer = new CheckpointWriter();
        NestedCheckpoints checkpoints = checkpoints(writer);
        ExecutorRun run = run(true);
        Process executor = sleep();
        Process live = sleep();
        Process other = sleep();
        Process dead = sleep();
        checkpoints.launched(run, nested("live", false, Map.of()), CPUS, live.pid(), start(live));
        checkpoints.launched(run, nested("other", true, Map.of()), CPUS, other.pid(), start(other));
        checkpoints.launched(run, nested("dead", true, Map.of()), CPUS, dead.pid(), start(dead));
        checkpoints.launched(run, nested("finished", true, Map.of()), CPUS, 1, 1);
        checkpoints.ended(run, "finished", 3 << 8);
        writer.flush(5);
        dead.destroyForcibly().waitFor();

        // A successor: a new containerizer recovers the executor's container, then its nested ones.
        Containerizer containerizer = new Containerizer(loop, List.of());
        NestedRuns runs = runs(containerizer, writer);
        ContainerConfig parent = new ContainerConfig("parent", null, Path.of("/sandbox"), Map.of(), Map.of(), false, false);
        loop.submit(() -> {
            containerizer.recover(parent, executor.toHandle());
            runs.recover(run);
            return null;
        }).get(5, TimeUnit.SECONDS);

        CompletableFuture<NestedRuns.Ended> liveEnd = loop.submit(() -> runs.running("live")).get(5, TimeUnit.SECONDS);
        CompletableFuture<NestedRuns.Ended> otherEnd = loop.submit(() -> runs.running("other")).get(5, TimeUnit.SECONDS);
        assertNotNull(liveEnd);
        assertNotNull(otherEnd);
        assertSame(NestedRuns.UNKNOWN, loop.submit(() -> runs.ended("dead")).get().termination());
        assertEquals(3 << 8, loop.submit(() -> runs.ended("finished")).get().termination().waitStatus());
        assertTrue(loop.submit(() -> containerizer.container("live").config().nested()).get());

        // Killed by the agent: it ended by SIGKILL, though not the agent's child.
        containerizer.destroy("live");
        assertEquals(9, liveEnd.get(10, TimeUnit.SECONDS).termination().waitStatus());
        assertFalse(live.isAlive());
        // Its checkpoint says so until a WAIT was told.
        writer.flush(5);
        assertEquals(OptionalInt.of(9), checkpoints.load(run).stream()
                .filter(n -> n.config().containerId().equals("live")).findFirst().orElseThrow().waitStatus());
        runs.told(liveEnd.get(), "live");
        writer.flush(5);
        assertFalse(Files.exists(folder.getRoot().toPath().resolve("meta/slaves/agent-1/frameworks/fw-1/executors/ex-1"
                + "/runs/parent/containers/live")));

        // The executor ends: its nested containers go with it.
        executor.destroyForcibly();
        otherEnd.get(10, TimeUnit.SECONDS);
        assertFalse(other.isAlive());
        writer.close();
    }

    @Test
    public void nestedContainersOfAnExecutorThatDiedAreKilled() throws Exception {
        CheckpointWriter writer = new CheckpointWriter();
        ExecutorRun run = run(true);
        Process orphan = sleep();
        checkpoints(writer).launched(run, nested("orphan", true, Map.of()), CPUS, orphan.pid(), start(orphan));
        writer.flush(5);
        NestedRuns runs = runs(new Containerizer(loop, List.of()), writer);
        loop.submit(() -> {
            runs.killLeftovers(run);
            return null;
        }).get(5, TimeUnit.SECONDS);
        assertTrue(orphan.waitFor(10, TimeUnit.SECONDS));
        writer.close();
    }

    @Test
    public void pendingWaitsFailWhenTheAgentStops() throws Exception {
        CheckpointWriter writer = new CheckpointWriter();
        ExecutorRun run = run(true);
        Process live = sleep();
        checkpoints(writer).launched(run, nested("live", true, Map.of()), CPUS, live.pid(), start(live));
        writer.flush(5);
        Containerizer containerizer = new Containerizer(loop, List.of());
        NestedRuns runs = runs(containerizer, writer);
        Process executor = sleep();
        ContainerConfig parent = new ContainerConfig("parent", null, Path.of("/sandbox"), Map.of(), Map.of(), false, false);
        CompletableFuture<NestedRuns.Ended> end = loop.submit(() -> {
            containerizer.recover(parent, executor.toHandle());
            runs.recover(run);
            return runs.running("live");
        }).get(5, TimeUnit.SECONDS);
        loop.submit(() -> {
            runs.close();
            return null;
        }).get(5, TimeUnit.SECONDS);
        try {
            end.get(5, TimeUnit.SECONDS);
            throw new AssertionError("the wait should have failed");
        } catch (ExecutionException expected) {
            assertTrue(expected.getCause() instanceof IllegalStateException);
        }
        assertTrue(live.isAlive());
        assertNull(loop.submit(() -> runs.ended("live")).get());
        writer.close();
    }
}
