package io.osmos.agent.impl;

import static io.osmos.agent.impl.VolumeFixtures.apply;
import static io.osmos.agent.impl.VolumeFixtures.create;
import static io.osmos.agent.impl.VolumeFixtures.destroy;
import static io.osmos.agent.impl.VolumeFixtures.reserve;
import static io.osmos.agent.impl.VolumeFixtures.reserved;
import static io.osmos.agent.impl.VolumeFixtures.scalar;
import static io.osmos.agent.impl.VolumeFixtures.volume;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.OperationID;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.Resource;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AgentResourcesTest {

    private static final AgentID AGENT = AgentID.newBuilder().setValue("m-S0").build();
    private static final Resources CONFIGURED = Resources.parse("cpus:4;mem:1024;disk:1000;cpus(static):1");
    private static final Resource ENG_DISK = reserved(scalar("disk", 100), "eng");
    private static final Resource V1_ENG = volume("v1", "data", 100, "eng");
    private static final Resource V1_OPS = volume("v1", "data", 100, "ops/db");
    private static final Predicate<Resource> UNUSED = v -> false;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path workDir;
    private PersistentVolumes volumes;
    private AgentResources agent;

    @Before
    public void start() {
        workDir = folder.getRoot().toPath();
        volumes = new PersistentVolumes(workDir);
        agent = recover(CONFIGURED);
    }

    private AgentResources recover(Resources configured) {
        return AgentResources.recover(configured, new ResourcesCheckpoint(workDir), volumes);
    }

    private AgentCall.OperationStatus finished(AgentEvent.ApplyOperation operation) {
        AgentCall.OperationStatus answer = agent.apply(operation, AGENT, UNUSED);
        assertEquals(answer.getStatus().getMessage(), OperationState.OPERATION_FINISHED, answer.getStatus().getState());
        assertEquals(agent.total(), Resources.of(answer.getTotalResourcesList()));
        return answer;
    }

    private Path volumeWithFile() throws Exception {
        finished(apply(reserve(ENG_DISK)));
        finished(apply(create(V1_ENG)));
        Path dir = workDir.resolve("volumes/roles/eng/v1");
        assertTrue(Files.isDirectory(dir));
        Files.writeString(dir.resolve("state.txt"), "written by a task", StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    public void createMakesTheDirectoryMoveRenamesItWithItsDataDestroyDeletesIt() throws Exception {
        Path eng = volumeWithFile();
        AgentCall.OperationStatus moved = finished(apply(reserve(List.of(V1_ENG), List.of(V1_OPS))));
        assertEquals(List.of(V1_OPS), moved.getStatus().getConvertedResourcesList());
        Path ops = workDir.resolve("volumes/roles/ops db/v1");
        assertFalse(Files.exists(eng));
        assertEquals("written by a task", Files.readString(ops.resolve("state.txt"), StandardCharsets.UTF_8));
        assertEquals(Resources.of(V1_OPS), agent.total().persistentVolumes());

        finished(apply(destroy(V1_OPS)));
        assertFalse(Files.exists(ops));
        assertEquals(CONFIGURED.minus(Resources.of(scalar("disk", 100))).plus(reserved(scalar("disk", 100), "ops/db")),
                agent.total());
    }

    @Test
    public void theTotalSurvivesARestartAndAnIncompatibleConfigurationIsRefused() throws Exception {
        volumeWithFile();
        Resources before = agent.total();
        assertEquals(before, recover(CONFIGURED).total());
        Resources more = Resources.parse("cpus:8;mem:1024;disk:1000;cpus(static):1");
        assertEquals(before.minus(Resources.parse("cpus:4")).plus(Resources.parse("cpus:8")), recover(more).total());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> recover(Resources.parse("cpus:4;mem:1024;disk:50;cpus(static):1")));
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("Incompatible agent resources"));
        assertEquals("written by a task",
                Files.readString(workDir.resolve("volumes/roles/eng/v1/state.txt"), StandardCharsets.UTF_8));
    }

    @Test
    public void aResentOperationIsAnsweredAgainNotAppliedTwiceEvenAfterARestart() {
        finished(apply(reserve(ENG_DISK)));
        AgentEvent.ApplyOperation operation = apply(create(V1_ENG).toBuilder()
                .setId(OperationID.newBuilder().setValue("op-1")).build());
        AgentCall.OperationStatus first = finished(operation);
        assertEquals("op-1", first.getStatus().getOperationId().getValue());
        Resources after = agent.total();
        AgentCall.OperationStatus again = finished(operation);
        assertEquals(first, again);
        assertEquals(after, agent.total());
        agent = recover(CONFIGURED);
        assertEquals(first, finished(operation));

        AgentEvent.ApplyOperation twice = apply(create(V1_ENG));
        AgentCall.OperationStatus refused = agent.apply(twice, AGENT, UNUSED);
        assertEquals(OperationState.OPERATION_FAILED, refused.getStatus().getState());
        assertEquals(refused, agent.apply(twice, AGENT, UNUSED));
    }

    @Test
    public void aVolumeInUseIsNeitherDestroyedNorMoved() throws Exception {
        Path dir = volumeWithFile();
        Resources before = agent.total();
        for (AgentEvent.ApplyOperation operation : List.of(apply(destroy(V1_ENG)),
                apply(reserve(List.of(V1_ENG), List.of(V1_OPS))))) {
            AgentCall.OperationStatus answer = agent.apply(operation, AGENT, v -> true);
            assertEquals(OperationState.OPERATION_FAILED, answer.getStatus().getState());
            assertTrue(answer.getStatus().getMessage(), answer.getStatus().getMessage()
                    .startsWith("Persistent volume disk(eng)[v1:data]:100 is in use"));
            assertEquals(before, agent.total());
            assertTrue(Files.exists(dir.resolve("state.txt")));
        }
    }

    @Test
    public void anOperationTheResourcesDoNotHoldFailsWithItsReason() {
        AgentCall.OperationStatus answer = agent.apply(apply(create(V1_ENG)), AGENT, UNUSED);
        assertEquals(OperationState.OPERATION_FAILED, answer.getStatus().getState());
        assertTrue(answer.getStatus().getMessage(), answer.getStatus().getMessage().startsWith(
                "Cannot apply CREATE to the agent's resources: ") && answer.getStatus().getMessage().contains("does not contain"));
        assertEquals(CONFIGURED, agent.total());
        assertFalse(Files.exists(workDir.resolve("volumes/roles/eng/v1")));
    }

    @Test
    public void offeredResourcesLoseTheirAllocationInfo() {
        Resource offered = ENG_DISK.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("eng"))
                .build();
        finished(apply(reserve(offered)));
        assertEquals(Resources.of(ENG_DISK), agent.total().reserved().filter(r -> r.getName().equals("disk")));
    }

    @Test
    public void aMoveCutShortByACrashIsFinishedAtRecovery() throws Exception {
        Path eng = volumeWithFile();
        finished(apply(reserve(List.of(V1_ENG), List.of(V1_OPS))));
        Path ops = workDir.resolve("volumes/roles/ops db/v1");
        Files.createDirectories(eng.getParent());
        Files.move(ops, eng);
        agent = recover(CONFIGURED);
        assertEquals("written by a task", Files.readString(ops.resolve("state.txt"), StandardCharsets.UTF_8));
        assertFalse(Files.exists(eng));
    }

    @Test
    public void theCheckpointRoundTripsAndLeavesNoTemporaryFile() {
        ResourcesCheckpoint checkpoint = new ResourcesCheckpoint(workDir);
        AgentCall.OperationStatus answer = OperationAnswers.status(apply(create(V1_ENG)), AGENT,
                OperationState.OPERATION_FINISHED, "", Resources.of(V1_ENG));
        ResourcesCheckpoint.State state = new ResourcesCheckpoint.State(List.of(ENG_DISK, V1_OPS), List.of(answer));
        checkpoint.store(state);
        assertEquals(state, new ResourcesCheckpoint(workDir).load().orElseThrow());
        assertEquals(List.of(checkpoint.file()), list(checkpoint.file().getParent()));
        assertTrue(new ResourcesCheckpoint(folder.getRoot().toPath().resolve("elsewhere")).load().isEmpty());
    }

    private static List<Path> list(Path dir) {
        try (var files = Files.list(dir)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
