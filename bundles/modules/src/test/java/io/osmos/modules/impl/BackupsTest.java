package io.osmos.modules.impl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BackupsTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    @Test
    public void stagesAPathAndAFileUrl() throws Exception {
        Backups backups = new Backups(dir.getRoot().toPath().resolve("modules"));
        Path jar = JarIdentityTest.jar(dir.getRoot().toPath().resolve("x.jar"), "io.osmos.x", "1.0.0");
        Path byPath = backups.stage(jar.toString());
        Path byUrl = backups.stage(jar.toUri().toString());
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(byPath));
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(byUrl));
        assertTrue(byPath.startsWith(backups.root().resolve(".staging")));
    }

    @Test
    public void aMissingJarIsABadRequest() {
        Backups backups = new Backups(dir.getRoot().toPath());
        ModuleException e = assertThrows(ModuleException.class, () -> backups.stage("/no/such/file.jar"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage(), e.getMessage().startsWith("Cannot read /no/such/file.jar"));
        assertEquals(400, assertThrows(ModuleException.class, () -> backups.stage(" ")).status());
    }

    @Test
    public void nothingToRollBackBeforeAnUpdate() {
        assertTrue(new Backups(dir.getRoot().toPath()).previous("io.osmos.x").isEmpty());
    }
}
