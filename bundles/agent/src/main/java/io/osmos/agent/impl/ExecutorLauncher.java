package io.osmos.agent.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import io.osmos.agent.containerizer.ContainerCommand;
import io.osmos.proto.v1.CommandInfo;
import io.osmos.proto.v1.Environment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What executor containers run, in their sandbox: our command or default executor (a lean JVM whose
 * options ship in its jar), or a framework's own executor from its CommandInfo. Output goes to the
 * sandbox's {@code stdout} and {@code stderr} files.
 */
final class ExecutorLauncher {

    static final String COMMAND_EXECUTOR_CLASS = "io.osmos.executor.CommandExecutor";
    static final String DEFAULT_EXECUTOR_CLASS = "io.osmos.executor.DefaultExecutor";
    private static final String OPTIONS_RESOURCE = "io/osmos/executor/jvm.options";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorLauncher.class);

    private final Path launcherDir;
    private final List<String> commandExecutor;
    private final List<String> defaultExecutor;

    ExecutorLauncher(Path javaHome, Path launcherDir) {
        this.launcherDir = launcherDir;
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions(launcherDir));
        command.add("-cp");
        command.add(launcherDir.toAbsolutePath() + "/*");
        this.commandExecutor = withMain(command, COMMAND_EXECUTOR_CLASS);
        this.defaultExecutor = withMain(command, DEFAULT_EXECUTOR_CLASS);
    }

    /** What the executor's container runs: our command or default executor, or the framework's own. */
    ContainerCommand command(ExecutorRun run, Map<String, String> environment) {
        List<String> argv = switch (run.kind) {
            case COMMAND -> commandExecutor;
            case DEFAULT -> defaultExecutor;
            case CUSTOM -> frameworkExecutor(run.info.getCommand());
        };
        Map<String, String> env = new java.util.LinkedHashMap<>(environment);
        if (run.kind == ExecutorRun.Kind.CUSTOM) {
            env.putAll(variables(run.info.getCommand()));
        }
        return new ContainerCommand(argv, env, run.sandbox, run.sandbox.resolve("stdout"), run.sandbox.resolve("stderr"));
    }

    private static List<String> withMain(List<String> jvm, String mainClass) {
        List<String> command = new ArrayList<>(jvm);
        command.add(mainClass);
        return List.copyOf(command);
    }

    /** The CommandInfo's own environment variables. */
    static Map<String, String> variables(CommandInfo command) {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            variables.put(variable.getName(), variable.getValue());
        }
        return variables;
    }

    /** What a CommandInfo runs: {@code /bin/sh -c value} for a shell command, else value with arguments[1..]. */
    static List<String> frameworkExecutor(CommandInfo command) {
        if (!command.hasShell() || command.getShell()) {
            return List.of("/bin/sh", "-c", command.getValue());
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.getValue());
        argv.addAll(command.getArgumentsCount() > 1 ? command.getArgumentsList().subList(1, command.getArgumentsCount())
                : List.of());
        return argv;
    }

    /** The executor jar's recommended JVM options (one line); none if the jar is not there. */
    private static List<String> jvmOptions(Path launcherDir) {
        Path jar = launcherDir.resolve("io.osmos.executor.jar");
        if (!Files.isRegularFile(jar)) {
            LOG.warn("No command executor at {}: command tasks cannot start", jar);
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(OPTIONS_RESOURCE);
            if (entry == null) {
                return List.of();
            }
            try (InputStream in = file.getInputStream(entry)) {
                String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the executor's JVM options from {}: {}", jar, e.getMessage());
            return List.of();
        }
    }

    Path launcherDir() {
        return launcherDir;
    }
}
