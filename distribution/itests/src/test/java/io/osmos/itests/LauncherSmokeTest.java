package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * Runs {@code bin/osmos local} as an operator would, as a separate process: the agent shows up in
 * GET_AGENTS over JSON, and SIGTERM stops every bundle and ends the process cleanly.
 */
public class LauncherSmokeTest {

    private Process process;

    @After
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    public void binOsmosLocalServesTheAgentAndStopsCleanlyOnSigterm() throws Exception {
        Path home = OsmosOptions.home();
        Path workDir = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "smoke-");
        Path log = workDir.resolve("osmos.log");
        String masterPort = OsmosOptions.freePort();
        process = new ProcessBuilder(home.resolve("bin/osmos").toString(), "local", "--master_port=" + masterPort,
                "--agent_port=" + OsmosOptions.freePort(), "--work_dir=" + workDir, "--resources=cpus:3;mem:2048")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        String agents = awaitAgentsJson(masterPort, log);
        assertTrue(agents, agents.contains("\"active\":true"));
        assertTrue("configured resources win over detection: " + agents,
                agents.contains("{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":3.0}}")
                        && agents.contains("{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":2048.0}}"));
        assertTrue("undeclared names are detected: " + agents, agents.contains("\"name\":\"disk\""));

        process.destroy();
        assertTrue("stopped within 30 s", process.waitFor(30, TimeUnit.SECONDS));
        // 128 + SIGTERM: the JVM's status after its shutdown hooks ran (systemd: SuccessExitStatus=143).
        assertEquals("exit status after SIGTERM", 143, process.exitValue());
        String output = Files.readString(log);
        assertTrue(output, output.contains("Master") && output.contains("stopped"));
        assertTrue(output, output.contains("Osmos stopped"));
    }

    private String awaitAgentsJson(String port, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_AGENTS\"}")).build();
        long deadline = System.currentTimeMillis() + 60_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            assertTrue("osmos exited early:\n" + Files.readString(log), process.isAlive());
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && response.body().contains("\"agents\"")) {
                    return response.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No agent within 60 s; last answer: " + last + "\n" + Files.readString(log));
    }
}
