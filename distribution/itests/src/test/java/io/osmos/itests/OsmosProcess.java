package io.osmos.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@code bin/osmos <feature>} process (a master, or an agent), restartable on the same work dir. */
final class OsmosProcess implements AutoCloseable {

    final Path workDir;
    final Path log;
    private final List<String> command;
    private Process process;

    OsmosProcess(Path workDir, String feature, String... options) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.log = workDir.resolve(feature + ".log");
        command = new ArrayList<>(List.of(OsmosOptions.home().resolve("bin/osmos").toString(), feature,
                "--work_dir=" + workDir));
        command.addAll(List.of(options));
        process = start();
    }

    private Process start() throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL: no bundle stops, nothing flushed; then the same command again. */
    void killAndRestart() throws IOException, InterruptedException {
        kill();
        restart();
    }

    /** SIGKILL, and it stays down until {@link #restart()}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The same command again, on the same work dir. */
    void restart() throws IOException {
        process = start();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
