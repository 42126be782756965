package io.osmos.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/osmos local} run as a separate process on free ports, the way an operator runs it. */
final class LocalClusterProcess implements AutoCloseable {

    final String masterPort = OsmosOptions.freePort();
    final String agentPort = OsmosOptions.freePort();
    final Path workDir;
    final Path log;
    private final List<String> command;
    Process process;

    LocalClusterProcess(String... extraOptions) throws IOException {
        this(OsmosOptions.home(), "local", extraOptions);
    }

    /** A feature that includes {@code local}, of another Osmos home (e.g. one built with osmos-assemble). */
    LocalClusterProcess(Path home, String feature, String... extraOptions) throws IOException {
        workDir = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "local-");
        log = workDir.resolve("osmos.log");
        command = new ArrayList<>(List.of(home.resolve("bin/osmos").toString(), feature,
                "--master_port=" + masterPort, "--agent_port=" + agentPort, "--work_dir=" + workDir));
        command.addAll(List.of(extraOptions));
        process = start();
    }

    private Process start() throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Stops the process (SIGTERM, as an operator would) and starts it again on the same work dir and ports. */
    void restart() throws IOException, InterruptedException {
        close();
        process = start();
    }

    /** Kills the JVM with SIGKILL (no bundle stops), then starts it again on the same work dir and ports. */
    void killAndRestart() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        process = start();
    }

    /** Waits until GET_AGENTS (JSON) lists an agent; returns that answer. */
    String awaitAgent() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterPort + "/api/v1"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_AGENTS\"}")).build();
        long deadline = System.currentTimeMillis() + 60_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("osmos exited early:\n" + output());
            }
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
        throw new AssertionError("No agent within 60 s; last answer: " + last + "\n" + output());
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
