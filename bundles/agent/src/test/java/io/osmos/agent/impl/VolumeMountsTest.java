package io.osmos.agent.impl;

import static io.osmos.agent.impl.VolumeFixtures.scalar;
import static io.osmos.agent.impl.VolumeFixtures.volume;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.osmos.proto.v1.Resource;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class VolumeMountsTest {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeMountsTest.class);
    private static final Resource DATA = volume("v1", "data", 64, "eng");
    private static final Resource NESTED = volume("v2", "state/db", 32, "eng/web");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path workDir;
    private Path sandbox;
    private PersistentVolumes volumes;
    private VolumeMounts mounts;

    @Before
    public void volumesAndASandbox() throws IOException {
        workDir = folder.getRoot().toPath().toRealPath();
        sandbox = Files.createDirectories(workDir.resolve("slaves/S0/frameworks/f/executors/e/runs/c1"));
        volumes = new PersistentVolumes(workDir);
        volumes.create(DATA);
        volumes.create(NESTED);
        Files.writeString(volumes.path(DATA).resolve("kept.txt"), "from an earlier task", StandardCharsets.UTF_8);
        mounts = new VolumeMounts(volumes, new Mounts());
    }

    @After
    public void nothingStaysMounted() throws IOException {
        for (Path leftover : Mounts.under(workDir)) {
            new Mounts().unmount(leftover);
        }
    }

    private void assumeMountPermitted() throws IOException {
        Path source = Files.createDirectories(workDir.resolve("probe-source"));
        Path target = Files.createDirectories(workDir.resolve("probe-target"));
        try {
            new Mounts().bind(source, target);
            new Mounts().unmount(target);
        } catch (IOException e) {
            LOG.warn("Skipping the bind mount test: mount(2) is not permitted here ({})", e.getMessage());
            assumeTrue("mount(2) not permitted: " + e.getMessage(), false);
        }
    }

    @Test
    public void volumesAreBindMountedIntoTheSandboxAndUnmountedWhenTheContainerEnds() throws IOException {
        assumeMountPermitted();
        mounts.attach("c1", sandbox, List.of(scalar("cpus", 1), DATA, NESTED));
        Path data = sandbox.resolve("data");
        Path db = sandbox.resolve("state/db");
        assertTrue(Mounts.isMountPoint(data));
        assertTrue(Mounts.isMountPoint(db));
        assertFalse(Files.isSymbolicLink(data));
        assertEquals("from an earlier task", Files.readString(data.resolve("kept.txt"), StandardCharsets.UTF_8));
        Files.writeString(db.resolve("written.txt"), "by this task", StandardCharsets.UTF_8);
        assertTrue(mounts.attached(DATA));
        assertEquals(List.of(true, true), mounts.attachments("c1").stream().map(VolumeMounts.Attached::mounted).toList());

        mounts.detach("c1");
        assertFalse(Mounts.isMountPoint(data));
        assertFalse(Mounts.isMountPoint(db));
        assertFalse(mounts.attached(DATA));
        assertEquals("by this task", Files.readString(volumes.path(NESTED).resolve("written.txt"), StandardCharsets.UTF_8));
        assertFalse(Files.exists(data.resolve("kept.txt")));

        mounts.attach("c1", sandbox, List.of(DATA));
        assertFalse("an ended container gets no volumes again", Mounts.isMountPoint(data));
    }

    @Test
    public void anUpdateAttachesNewVolumesAndDetachesThoseNoLongerHeld() throws IOException {
        assumeMountPermitted();
        mounts.attach("c1", sandbox, List.of(DATA));
        mounts.attach("c1", sandbox, List.of(DATA, NESTED));
        assertTrue(Mounts.isMountPoint(sandbox.resolve("data")));
        assertTrue(Mounts.isMountPoint(sandbox.resolve("state/db")));
        mounts.attach("c1", sandbox, List.of(NESTED));
        assertFalse(Mounts.isMountPoint(sandbox.resolve("data")));
        assertFalse(mounts.attached(DATA));
        assertTrue(mounts.attached(NESTED));
        mounts.detach("c1");
    }

    @Test
    public void leftoverMountsUnderTheSandboxesAreUnmountedAtStart() throws IOException {
        assumeMountPermitted();
        mounts.attach("c1", sandbox, List.of(DATA, NESTED));
        new VolumeMounts(volumes, new Mounts()).recover(workDir.resolve("slaves"), java.util.Set.of());
        assertEquals(List.of(), Mounts.under(workDir.resolve("slaves")));
        assertTrue(Files.exists(volumes.path(DATA).resolve("kept.txt")));
    }

    @Test
    public void withoutMountPermissionVolumesAreSymlinked() throws IOException {
        VolumeMounts linked = new VolumeMounts(volumes, new Mounts("false", "false"));
        linked.attach("c1", sandbox, List.of(DATA, NESTED));
        Path data = sandbox.resolve("data");
        assertTrue(Files.isSymbolicLink(data));
        assertEquals(volumes.path(DATA).toRealPath(), data.toRealPath());
        assertEquals("from an earlier task", Files.readString(data.resolve("kept.txt"), StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(sandbox.resolve("state/db")));
        assertEquals(List.of(false, false), linked.attachments("c1").stream().map(VolumeMounts.Attached::mounted).toList());
        linked.detach("c1");
        assertFalse(Files.exists(data));
        assertTrue(Files.exists(volumes.path(DATA).resolve("kept.txt")));
    }

    @Test
    public void containerPathsMustBeRelativeAndStayInTheSandbox() {
        IllegalArgumentException absolute = assertThrows(IllegalArgumentException.class,
                () -> mounts.attach("c1", sandbox, List.of(volume("v1", "/data", 64, "eng"))));
        assertTrue(absolute.getMessage(), absolute.getMessage().contains("absolute container_path '/data'"));
        IllegalArgumentException escaping = assertThrows(IllegalArgumentException.class,
                () -> mounts.attach("c1", sandbox, List.of(volume("v1", "../../elsewhere", 64, "eng"))));
        assertTrue(escaping.getMessage(), escaping.getMessage().contains("leaves the sandbox"));
        IOException planted = assertThrows(IOException.class, () -> {
            Files.createSymbolicLink(sandbox.resolve("state"), Files.createDirectories(workDir.resolve("outside")));
            mounts.attach("c1", sandbox, List.of(NESTED));
        });
        assertTrue(planted.getMessage(), planted.getMessage().contains("leads out of the sandbox"));
        assertFalse(Files.exists(workDir.resolve("outside/db")));
        IOException missing = assertThrows(IOException.class,
                () -> mounts.attach("c1", sandbox, List.of(volume("gone", "data", 64, "eng"))));
        assertTrue(missing.getMessage(), missing.getMessage().contains("does not exist"));
    }

    @Test
    public void hierarchicalRolesAreEncodedWithASpace() {
        assertEquals(workDir.resolve("volumes/roles/eng web/v2"), volumes.path(NESTED));
    }
}
