package io.osmos.agent.containerizer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a container runs: the program and its arguments, extra environment variables, and where it
 * runs and writes its output.
 */
public record ContainerCommand(List<String> argv, Map<String, String> environment, Path workDir, Path stdout,
        Path stderr) {

    public ContainerCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
