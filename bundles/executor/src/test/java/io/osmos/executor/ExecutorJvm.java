package io.osmos.executor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts an executor as its own JVM the way the agent does: {@code java <jvm.options> -cp <executor jar +
 * dependencies> io.osmos.executor.CommandExecutor} (or {@code DefaultExecutor}), stdout and stderr in the sandbox.
 */
public final class ExecutorJvm {

    private ExecutorJvm() {
    }

    /** The option line shipped in the executor jar. */
    public static List<String> recommendedOptions() throws IOException {
        try (InputStream in = CommandExecutor.class.getResourceAsStream("jvm.options")) {
            if (in == null) {
                throw new IOException("jvm.options resource missing");
            }
            String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
        }
    }

    /**
     * The executor's runtime class path: its classes ({@code -Dexecutor.jar} to use a built jar
     * instead) and the dependency jars listed by the build in {@code target/executor.classpath}.
     */
    public static String classPath() throws IOException {
        Path classes;
        try {
            classes = Path.of(CommandExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path listing = classes.getParent().resolve("executor.classpath");
        String dependencies = Files.readString(listing, StandardCharsets.UTF_8).trim();
        String jar = System.getProperty("executor.jar");
        String executor = jar != null ? Path.of(jar).toAbsolutePath().toString() : classes.toString();
        return executor + File.pathSeparator + dependencies;
    }

    public static Map<String, String> environment(String agentEndpoint, Path sandbox) {
        Map<String, String> env = new HashMap<>();
        env.put("MESOS_FRAMEWORK_ID", Events.FRAMEWORK);
        env.put("MESOS_EXECUTOR_ID", Events.EXECUTOR);
        env.put("MESOS_AGENT_ENDPOINT", agentEndpoint);
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_CHECKPOINT", "0");
        return env;
    }

    public static Process start(Map<String, String> env, Path sandbox, boolean withOptions) throws IOException {
        return start(env, sandbox, withOptions ? recommendedOptions() : List.of());
    }

    public static Process start(Map<String, String> env, Path sandbox, List<String> options) throws IOException {
        return start(CommandExecutor.class, env, sandbox, options);
    }

    /** Starts the executor of that main class (CommandExecutor or DefaultExecutor). */
    public static Process start(Class<?> mainClass, Map<String, String> env, Path sandbox, List<String> options)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(sandbox.toFile())
                .redirectOutput(sandbox.resolve("stdout").toFile())
                .redirectError(sandbox.resolve("stderr").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }
}
