package io.osmos.agent.containerizer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a container's first process held before {@code exec}: a shell waits for a line on its
 * standard input, and only then execs the program. The isolators confine the shell's pid in between,
 * so the program and everything it forks start inside the container's confinement.
 */
final class GatedProcess {

    /** The shell gives up (exit 111) when the gate is closed without being opened. */
    private static final String GATE = "read -r osmos_gate || exit 111; exec \"$@\" </dev/null";

    private GatedProcess() {
    }

    static Process start(ContainerCommand command) throws IOException {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", GATE, "osmos-container"));
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(command.workDir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(command.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(command.stderr().toFile()));
        builder.environment().putAll(command.environment());
        return builder.start();
    }

    /** Lets the held process exec its program. */
    static void open(Process process) throws IOException {
        try (OutputStream gate = process.getOutputStream()) {
            gate.write("go\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The program will never run: the shell exits. */
    static void close(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroyForcibly();
        }
    }
}
