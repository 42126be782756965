package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SandboxPathsTest {

    static final String VIRTUAL = "/frameworks/fw/executors/ex/runs/latest";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final AtomicReference<String> agentId = new AtomicReference<>("S0");
    private Path workDir;
    private Path sandbox;
    private SandboxPaths paths;

    @Before
    public void sandboxWithLinks() throws IOException {
        workDir = folder.getRoot().toPath().resolve("agent");
        sandbox = layout(workDir);
        paths = new SandboxPaths(workDir, agentId::get);
    }

    /** A sandbox as the agent and the default executor leave it, plus links that leave it and a secret beside it. */
    static Path layout(Path workDir) throws IOException {
        Path sandbox = new Sandboxes(workDir).create("S0", "fw", "ex", "c1");
        Files.writeString(sandbox.resolve("stdout"), "hello\n");
        Files.createDirectories(sandbox.resolve("containers/t1"));
        Files.writeString(sandbox.resolve("containers/t1/stdout"), "from t1");
        Files.createDirectories(sandbox.resolve("tasks"));
        Files.createSymbolicLink(sandbox.resolve("tasks/t1"), Path.of("../containers/t1"));
        Files.writeString(workDir.resolve("secret"), "do not tell");
        Files.createSymbolicLink(sandbox.resolve("secret"), workDir.resolve("secret"));
        Files.createSymbolicLink(sandbox.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(sandbox.resolve("dangling"), Path.of("nowhere"));
        return sandbox.toRealPath();
    }

    private Optional<Path> target(String requested) {
        return paths.resolve(requested).map(SandboxPaths.Resolved::target);
    }

    @Test
    public void theVirtualPathsOfARunAndItsRealPathAreAttached() {
        assertEquals(Optional.of(sandbox), target(VIRTUAL));
        assertEquals(Optional.of(sandbox), target(VIRTUAL + "/"));
        assertEquals(Optional.of(sandbox.resolve("stdout")), target("/frameworks/fw/executors/ex/runs/c1/stdout"));
        assertEquals(Optional.of(sandbox.resolve("stdout")), target(workDir.toAbsolutePath()
                + "/slaves/S0/frameworks/fw/executors/ex/runs/c1/stdout"));
        assertEquals(Optional.of(sandbox.resolve("stdout")), target(VIRTUAL + "//stdout"));
    }

    @Test
    public void linksAndDotDotThatStayInsideTheSandboxAreFollowed() {
        assertEquals(Optional.of(sandbox.resolve("containers/t1/stdout")), target(VIRTUAL + "/tasks/t1/stdout"));
        assertEquals(Optional.of(sandbox.resolve("stdout")), target(VIRTUAL + "/tasks/../stdout"));
        assertEquals(Optional.of(sandbox.resolve("stdout")), target(VIRTUAL + "/./containers/../stdout"));
    }

    @Test
    public void anythingEscapingTheSandboxIsNotFound() {
        assertFalse(target(VIRTUAL + "/../../../../../../secret").isPresent());
        assertFalse(target(VIRTUAL + "/..").isPresent());
        assertFalse(target(VIRTUAL + "/tasks/../../c1/stdout").isPresent());
        assertFalse(target(VIRTUAL + "/secret").isPresent());
        assertFalse(target(VIRTUAL + "/etc/passwd").isPresent());
        assertFalse(target(VIRTUAL + "/dangling").isPresent());
        assertFalse(target("/frameworks/fw/executors/ex/runs/latest/../c1/stdout").isPresent());
        assertFalse(target("/frameworks/../frameworks/fw/executors/ex/runs/latest").isPresent());
        assertFalse(target("/frameworks/fw/executors/../executors/ex/runs/latest").isPresent());
        assertFalse(target(workDir.toAbsolutePath()
                + "/slaves/S0/frameworks/fw/executors/ex/runs/c1/../../../../../../secret").isPresent());
    }

    @Test
    public void pathsOutsideEveryAttachmentAreNotFound() {
        assertFalse(target("/etc/passwd").isPresent());
        assertFalse(target(workDir.toAbsolutePath() + "/secret").isPresent());
        assertFalse(target("/frameworks/fw/executors/ex/runs").isPresent());
        assertFalse(target("/frameworks/fw/executors/ex").isPresent());
        assertFalse(target("/frameworks/fw/tasks/ex/runs/latest").isPresent());
        assertFalse(target("/frameworks/fw/executors/ex/runs/c2").isPresent());
        assertFalse(target(VIRTUAL + "/missing").isPresent());
        assertFalse(target("frameworks/fw/executors/ex/runs/latest").isPresent());
        assertFalse(target("").isPresent());
        assertFalse(target(VIRTUAL + "/std\0out").isPresent());
        assertFalse(target(workDir.toAbsolutePath() + "/slaves/S1/frameworks/fw/executors/ex/runs/c1").isPresent());
    }

    @Test
    public void nothingIsAttachedBeforeTheAgentHasAnId() {
        agentId.set(null);
        assertFalse(target(VIRTUAL).isPresent());
        agentId.set("..");
        assertFalse(target(VIRTUAL).isPresent());
    }

    @Test
    public void aLatestLinkRewrittenToPointOutsideTheRunsAttachesNothing() throws IOException {
        Path runs = workDir.resolve("slaves/S0/frameworks/fw/executors/ex/runs");
        Files.delete(runs.resolve("latest"));
        Files.createSymbolicLink(runs.resolve("latest"), workDir);
        assertFalse(target(VIRTUAL).isPresent());
        assertFalse(target(VIRTUAL + "/secret").isPresent());
        assertTrue(target("/frameworks/fw/executors/ex/runs/c1/stdout").isPresent());
    }
}
