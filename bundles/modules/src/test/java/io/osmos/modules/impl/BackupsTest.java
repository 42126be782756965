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
import org.osgi.framework.Bundle;

public class BackupsTest {

    /** A version of io.osmos.x in no history: every kept jar is a rollback target. */
    private static final String NOT_RUNNING = "0.0.1";

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
    public void theRollbackHistorySurvivesARestart() throws Exception {
        Path root = dir.getRoot().toPath().resolve("modules");
        Backups before = new Backups(root);
        Path v1 = before.save(bundle("io.osmos.x", "1.0.0"));
        Path v2 = before.save(bundle("io.osmos.x", "1.1.0"));
        assertEquals(v2, before.previousOtherThan("io.osmos.x", NOT_RUNNING).orElseThrow());

        Backups restarted = new Backups(root);
        assertEquals("the newest replaced version first", v2,
                restarted.previousOtherThan("io.osmos.x", NOT_RUNNING).orElseThrow());
        restarted.consumed("io.osmos.x");
        assertEquals(v1, new Backups(root).previousOtherThan("io.osmos.x", NOT_RUNNING).orElseThrow());

        Backups afterRestartOnV1 = new Backups(root);
        assertEquals("the version running now is no rollback target", v1,
                afterRestartOnV1.previousOtherThan("io.osmos.x", "1.1.0").orElseThrow());

        Files.delete(v1);
        assertTrue("a jar deleted by hand is not offered",
                new Backups(root).previousOtherThan("io.osmos.x", NOT_RUNNING).isEmpty());
    }

    /** An installed bundle as far as {@link BundleJars} reads it: its manifest and no other entry. */
    private Bundle bundle(String symbolicName, String version) throws Exception {
        Path jar = JarIdentityTest.jar(dir.getRoot().toPath().resolve(symbolicName + "-" + version + ".jar"),
                symbolicName, version);
        java.net.URL manifest = new java.net.URL("jar:" + jar.toUri() + "!/META-INF/MANIFEST.MF");
        return (Bundle) java.lang.reflect.Proxy.newProxyInstance(Bundle.class.getClassLoader(),
                new Class<?>[] {Bundle.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getVersion" -> org.osgi.framework.Version.parseVersion(version);
                    case "getEntry" -> manifest;
                    default -> null;
                });
    }

    @Test
    public void nothingToRollBackBeforeAnUpdate() throws Exception {
        assertTrue(new Backups(dir.getRoot().toPath()).previousOtherThan("io.osmos.x", NOT_RUNNING).isEmpty());
    }
}
