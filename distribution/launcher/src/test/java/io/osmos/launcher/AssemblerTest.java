package io.osmos.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AssemblerTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path home;

    @Before
    public void writeHome() throws IOException {
        home = folder.newFolder("home").toPath();
        Files.createDirectories(home.resolve("features"));
        Files.createDirectories(home.resolve("lib/executor"));
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("bin/osmos"), "#!/bin/sh\n");
        Files.writeString(home.resolve("conf/logging.properties"), "");
        Files.writeString(home.resolve("lib/launcher.jar"), "");
        Files.writeString(home.resolve("lib/executor/executor.jar"), "");
        feature("core", "{\"bundles\":[\"scr\"],\"variables\":{\"work_dir\":\"/w\"}}");
        feature("agent", "{\"includes\":[\"core\"],\"bundles\":[\"io.osmos.agent\",\"io.osmos.transport.tcp\","
                + "\"io.osmos.transport.uds\"],\"variables\":{\"isolation\":\"cgroups/cpu\"},"
                + "\"configurations\":{\"io.osmos.agent\":{\"isolation\":\"${isolation}\",\"port\":\"5051\"},"
                + "\"io.osmos.transport.tcp\":{\"x\":\"1\"}}}");
        feature("master", "{\"includes\":[\"core\"],\"bundles\":[\"io.osmos.master\"]}");
        for (String bundle : List.of("scr", "io.osmos.agent", "io.osmos.transport.tcp", "io.osmos.transport.uds",
                "io.osmos.master", "jna")) {
            bundle(home.resolve("bundle").resolve(bundle + ".jar"), bundle);
        }
    }

    private void feature(String id, String json) throws IOException {
        Files.writeString(home.resolve("features").resolve(id + ".json"), json);
    }

    static void bundle(Path jar, String symbolicName) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // A manifest is all a test bundle needs.
        }
    }

    @Test
    public void anAgentWithAPluginAndWithoutTheTcpTransport() throws IOException {
        Path plugin = folder.getRoot().toPath().resolve("vendor-plugin-1.0.jar");
        bundle(plugin, "com.example.isolator");
        Path out = folder.getRoot().toPath().resolve("out");
        ResolvedFeature root = new Assembler(home).assemble(new Assembler.Plan("edge", List.of("agent"),
                List.of(plugin.toString(), "jna"), Set.of("io.osmos.transport.tcp"), Map.of("isolation", "posix/rlimits"),
                Map.of("io.osmos.agent", Map.of("port", "6000"))), out);

        assertEquals(List.of("scr", "io.osmos.agent", "io.osmos.transport.uds", "com.example.isolator", "jna"),
                root.bundles().stream().map(BundleRef::name).toList());
        assertEquals("the root's variable overrides the included default", "posix/rlimits",
                root.configurations().get("io.osmos.agent").get("isolation"));
        assertEquals("the root's configuration overrides the included one", "6000",
                root.configurations().get("io.osmos.agent").get("port"));
        assertFalse("an excluded bundle's configuration goes too", root.configurations().containsKey("io.osmos.transport.tcp"));
        assertTrue(Files.isRegularFile(out.resolve("bundle/com.example.isolator.jar")));
        assertFalse(Files.exists(out.resolve("bundle/io.osmos.transport.tcp.jar")));
        assertFalse("features not asked for stay out", Files.exists(out.resolve("features/master.json")));
        assertFalse(Files.exists(out.resolve("bundle/io.osmos.master.jar")));
        assertTrue("an agent needs the executor", Files.isRegularFile(out.resolve("lib/executor/executor.jar")));
        assertTrue(Files.isRegularFile(out.resolve("bin/osmos")) && Files.isRegularFile(out.resolve("lib/launcher.jar")));
        assertTrue(Files.isDirectory(out.resolve("deploy")));
    }

    @Test
    public void mistakesAreNamed() throws IOException {
        Path out = folder.getRoot().toPath().resolve("out2");
        FeatureException e = assertThrows(FeatureException.class, () -> new Assembler(home).assemble(
                new Assembler.Plan("custom", List.of("master"), List.of(), Set.of("io.osmos.transport.tcp"), Map.of(),
                        Map.of()), out));
        assertTrue(e.getMessage(), e.getMessage().contains("Nothing to exclude"));
        e = assertThrows(FeatureException.class, () -> new Assembler(home).assemble(new Assembler.Plan("custom",
                List.of("master"), List.of("nope"), Set.of(), Map.of(), Map.of()), folder.getRoot().toPath().resolve("out3")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("No bundle nope"));
        assertThrows(FeatureException.class, () -> new Assembler(home).assemble(new Assembler.Plan("core",
                List.of("master"), List.of(), Set.of(), Map.of(), Map.of()), folder.getRoot().toPath().resolve("out4")));
    }

    @Test
    public void theCommandLineReadsListsAndOverrides() {
        String[] args = {"--out", "/tmp/x", "--features=agent,posix-rlimits", "--bundles", "a.jar", "--exclude",
            "io.osmos.transport.tcp", "--set", "isolation=posix/rlimits", "--config", "io.osmos.agent/port=6000",
            "--name", "edge"};
        Assembler.Plan plan = AssembleMain.plan(args);
        assertEquals(Path.of("/tmp/x"), AssembleMain.out(args));
        assertEquals(List.of("agent", "posix-rlimits"), plan.features());
        assertEquals(Map.of("isolation", "posix/rlimits"), plan.variables());
        assertEquals(Map.of("io.osmos.agent", Map.of("port", "6000")), plan.configuration());
        assertEquals("edge", plan.name());
        assertThrows(IllegalArgumentException.class, () -> AssembleMain.plan(new String[] {"--feature", "x"}));
    }
}
