package io.osmos.transport.uds.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SocketPathTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aPathLongerThanTheKernelAllowsIsAClearStartUpError() {
        String tooLong = "/tmp/" + "d".repeat(100) + "/agent.sock";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SocketPath.prepare(tooLong));
        assertTrue(e.getMessage(), e.getMessage().contains("at most 107"));
    }

    @Test
    public void aStaleSocketFileIsRemovedAndTheModeIsRestricted() throws Exception {
        Path stale = folder.getRoot().toPath().resolve("run").resolve("agent.sock");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "left over");
        Path prepared = SocketPath.prepare(stale.toString());
        assertFalse("a stale file would make bind fail", Files.exists(prepared));
        Files.createFile(prepared);
        SocketPath.restrict(prepared);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(prepared)));
    }
}
