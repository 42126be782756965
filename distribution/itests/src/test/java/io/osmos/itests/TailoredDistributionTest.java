package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;

/**
 * The integrator's command and the SPI guard, as an operator meets them: {@code bin/osmos-assemble}
 * builds an agent-only distribution, {@code bin/osmos} starts it as a process, and a plugin built
 * against a future major version of the isolator SPI, dropped into its {@code deploy/}, is refused
 * with one ERROR line naming it and the import nothing satisfies, and none of its code runs.
 */
public class TailoredDistributionTest {

    @Test
    public void anAgentOnlyDistributionStartsAndRefusesAPluginOfAnotherSpiMajorVersion() throws Exception {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Path out = Files.createTempDirectory(target, "dist-agent-");
        Files.delete(out);
        Process assemble = new ProcessBuilder(OsmosOptions.home().resolve("bin/osmos-assemble").toString(),
                "--out", out.toString(), "--features", "agent", "--name", "agent-only")
                .redirectErrorStream(true).start();
        String assembled = new String(assemble.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(assembled, 0, assemble.waitFor());
        assertFalse("an agent-only distribution has no master", Files.exists(out.resolve("bundle/io.osmos.master.jar")));

        String agentPort = OsmosOptions.freePort();
        Path log = out.resolve("osmos.log");
        Process osmos = new ProcessBuilder(out.resolve("bin/osmos").toString(), "agent-only", "--agent_port=" + agentPort,
                "--master=127.0.0.1:" + OsmosOptions.freePort(), "--isolation=", "--work_dir=" + out.resolve("run"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await(log, text -> text.contains("Feature 'agent-only' started"), 60, osmos);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agentPort + "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());

            futurePlugin(out.resolve("deploy/future-isolator.jar"));
            String text = await(log, t -> t.contains("Plugin com.example.future.isolator"), 30, osmos);
            String line = text.lines().filter(l -> l.contains("Plugin com.example.future.isolator")).findFirst().orElseThrow();
            assertTrue(line, line.contains("SEVERE") || line.contains("ERROR"));
            assertTrue(line, line.contains("refused: nothing here satisfies Import-Package "
                    + "io.osmos.api.isolation;version=\"[2.0.0,3.0.0)\""));
            assertTrue(line, line.contains("exported here: io.osmos.api.isolation 1."));
            Thread.sleep(2_000);
            String after = Files.readString(log);
            assertFalse("nothing of it runs: " + after, after.contains("future/isolator"));
            assertEquals("named once", 1, after.lines().filter(l -> l.contains("Plugin com.example.future.isolator")).count());
        } finally {
            osmos.destroy();
            if (!osmos.waitFor(30, TimeUnit.SECONDS)) {
                osmos.destroyForcibly();
            }
        }
    }

    /** A vendor isolator built against io.osmos.api.isolation 2.x, with a component that must never start. */
    private static void futurePlugin(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "com.example.future.isolator");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "io.osmos.api.isolation;version=\"[2,3)\",org.slf4j;version=\"[1.7,2)\"");
        main.putValue("Service-Component", "OSGI-INF/future.xml");
        Path partial = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("OSGI-INF/future.xml"));
            out.write(("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"future\" immediate=\"true\">"
                    + "<implementation class=\"com.example.future.FutureIsolator\"/><property name=\"osmos.isolator.name\""
                    + " value=\"future/isolator\"/><service><provide interface=\"io.osmos.api.isolation.Isolator\"/>"
                    + "</service></scr:component>").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(partial, jar);
    }

    private static String await(Path log, Predicate<String> wanted, int seconds, Process process) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String text = "";
        while (System.currentTimeMillis() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (wanted.test(text)) {
                return text;
            }
            if (!process.isAlive()) {
                throw new AssertionError("osmos exited with " + process.exitValue() + ":\n" + text);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not within " + seconds + " s; the log:\n" + text);
    }
}
