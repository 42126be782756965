package io.osmos.agent.impl;

import static io.osmos.agent.impl.VolumeFixtures.scalar;
import static io.osmos.agent.impl.VolumeFixtures.volume;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.osmos.agent.containerizer.Container;
import io.osmos.agent.containerizer.Containerizer;
import io.osmos.api.loop.SerialLoop;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Resource;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A framework's executor writes into its persistent volume through the sandbox; the data outlives it. */
public class ExecutorVolumesTest {

    private static final Resource DATA = volume("v1", "data", 64, "eng");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final SerialLoop loop = new SerialLoop("test-agent");
    private Path workDir;
    private PersistentVolumes volumes;
    private ExecutorContainers containers;

    @Before
    public void agentParts() throws Exception {
        workDir = folder.getRoot().toPath().toRealPath();
        volumes = new PersistentVolumes(workDir);
        volumes.create(DATA);
        Files.writeString(volumes.path(DATA).resolve("before.txt"), "kept", StandardCharsets.UTF_8);
        containers = new ExecutorContainers(new Containerizer(loop, List.of()),
                new ExecutorLauncher(Path.of(System.getProperty("java.home")), workDir.resolve("launcher")), false,
                new VolumeMounts(volumes, new Mounts()));
    }

    @After
    public void stop() throws Exception {
        loop.close();
        for (Path leftover : Mounts.under(workDir)) {
            new Mounts().unmount(leftover);
        }
    }

    private ExecutorRun run(String command, Resource... resources) throws Exception {
        ExecutorInfo info = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e1"))
                .setCommand(CommandInfo.newBuilder().setValue(command)).addAllResources(List.of(resources)).build();
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("root").setName("test")
                .setId(FrameworkID.newBuilder().setValue("f1")).build();
        String containerId = java.util.UUID.randomUUID().toString();
        Path sandbox = Files.createDirectories(workDir.resolve("slaves/S0/frameworks/f1/executors/e1/runs/" + containerId));
        return new ExecutorRun(framework, info, ContainerID.newBuilder().setValue(containerId).build(), sandbox,
                ExecutorRun.Kind.CUSTOM);
    }

    @Test
    public void theExecutorSeesItsVolumeAtItsContainerPathAndItsDataStays() throws Exception {
        ExecutorRun run = run("cat data/before.txt > seen.txt && echo written > data/after.txt", scalar("cpus", 0.1), DATA);
        Container container = containers.launch(run, Map.of("PATH", "/usr/bin:/bin")).get(30, TimeUnit.SECONDS);
        assertEquals(0, container.termination().get(30, TimeUnit.SECONDS).waitStatus());
        loop.submit(() -> null).get(10, TimeUnit.SECONDS);
        assertEquals("kept", Files.readString(run.sandbox.resolve("seen.txt"), StandardCharsets.UTF_8).trim());
        assertEquals("written", Files.readString(volumes.path(DATA).resolve("after.txt"), StandardCharsets.UTF_8).trim());
        Path data = run.sandbox.resolve("data");
        assertFalse("the volume leaves the sandbox with its container", Mounts.isMountPoint(data) || Files.isSymbolicLink(data));
        assertFalse(Files.exists(data.resolve("after.txt")));
    }

    @Test
    public void anAbsoluteContainerPathFailsTheLaunchWithAClearMessage() throws Exception {
        ExecutorRun run = run("true", volume("v1", "/data", 64, "eng"));
        ExecutionException failed = org.junit.Assert.assertThrows(ExecutionException.class,
                () -> containers.launch(run, Map.of()).get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage(), failed.getCause().getMessage()
                .contains("absolute container_path '/data'"));
    }
}
