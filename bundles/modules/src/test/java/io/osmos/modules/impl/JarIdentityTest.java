package io.osmos.modules.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

public class JarIdentityTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    static Path jar(Path file, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("a/B.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        return file;
    }

    @Test
    public void readsNameAndVersionWithoutDirectives() throws IOException {
        Path jar = jar(dir.getRoot().toPath().resolve("a.jar"), "io.osmos.x;singleton:=true", "1.2.3.q");
        JarIdentity identity = JarIdentity.read(jar, "a.jar");
        assertEquals("io.osmos.x", identity.symbolicName());
        assertEquals(new Version(1, 2, 3, "q"), identity.version());
    }

    @Test
    public void aJarWithoutVersionIsVersionZero() throws IOException {
        Path jar = jar(dir.getRoot().toPath().resolve("a.jar"), "io.osmos.x", null);
        assertEquals(Version.emptyVersion, JarIdentity.read(jar, "a.jar").version());
    }

    @Test
    public void aPlainJarIsNotABundle() throws IOException {
        Path jar = jar(dir.getRoot().toPath().resolve("plain.jar"), null, null);
        ModuleException e = assertThrows(ModuleException.class, () -> JarIdentity.read(jar, "plain.jar"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains("plain.jar is not a bundle"));
    }

    @Test
    public void aTextFileIsNotAJar() throws IOException {
        Path text = Files.writeString(dir.getRoot().toPath().resolve("notes.jar"), "hello");
        ModuleException e = assertThrows(ModuleException.class, () -> JarIdentity.read(text, "notes.jar"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage(), e.getMessage().startsWith("notes.jar is not a jar"));
    }

    @Test
    public void aBadVersionIsRefused() throws IOException {
        Path jar = jar(dir.getRoot().toPath().resolve("a.jar"), "io.osmos.x", "one.two");
        assertEquals(400, assertThrows(ModuleException.class, () -> JarIdentity.read(jar, "a.jar")).status());
    }
}
