package io.osmos.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.FrameworkID;

/** What the agent tells the executor through its environment (Mesos reference §2.5). */
final class ExecutorConfig {

    static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(2);
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    final Map<String, String> environment;
    final FrameworkID frameworkId;
    final ExecutorID executorId;
    final AgentEndpoint endpoint;
    final Path sandbox;
    final boolean checkpoint;
    final Duration recoveryTimeout;
    final Duration backoffMax;
    final Duration shutdownGracePeriod;
    final String authenticationToken;

    private ExecutorConfig(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        String frameworkId = require(env, "MESOS_FRAMEWORK_ID", missing);
        String executorId = require(env, "MESOS_EXECUTOR_ID", missing);
        String socket = blankToNull(env.get("MESOS_DOMAIN_SOCKET"));
        String agent = socket == null ? require(env, "MESOS_AGENT_ENDPOINT", missing) : null;
        String sandbox = blankToNull(env.get("MESOS_SANDBOX"));
        if (sandbox == null) {
            sandbox = require(env, "MESOS_DIRECTORY", missing);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Missing required environment variable(s): " + String.join(", ", missing));
        }
        this.environment = Map.copyOf(env);
        this.frameworkId = FrameworkID.newBuilder().setValue(frameworkId).build();
        this.executorId = ExecutorID.newBuilder().setValue(executorId).build();
        this.endpoint = socket != null ? AgentEndpoint.unixSocket(Path.of(socket)) : AgentEndpoint.tcp(agent);
        this.sandbox = Path.of(sandbox);
        this.checkpoint = "1".equals(env.get("MESOS_CHECKPOINT"));
        this.recoveryTimeout = duration(env, "MESOS_RECOVERY_TIMEOUT", DEFAULT_RECOVERY_TIMEOUT);
        this.backoffMax = duration(env, "MESOS_SUBSCRIPTION_BACKOFF_MAX", DEFAULT_BACKOFF_MAX);
        this.shutdownGracePeriod = duration(env, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", DEFAULT_SHUTDOWN_GRACE);
        this.authenticationToken = blankToNull(env.get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN"));
    }

    /**
     * The configuration an executor starts with, or null once the reason it cannot start is logged
     * and {@code exit} called with 1.
     *
     * @param kind the executor's kind for the log ("command", "default")
     */
    static ExecutorConfig forStart(Map<String, String> env, java.util.function.IntConsumer exit, String kind) {
        java.util.Objects.requireNonNull(exit, "exit");
        try {
            ExecutorConfig config = fromEnvironment(env);
            org.slf4j.LoggerFactory.getLogger(ExecutorConfig.class).info(
                    "{} executor {} of framework {} connecting to the agent at {} (checkpoint {})",
                    Character.toUpperCase(kind.charAt(0)) + kind.substring(1), config.executorId.getValue(),
                    config.frameworkId.getValue(), config.endpoint, config.checkpoint);
            return config;
        } catch (IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(ExecutorConfig.class).error("Cannot start the {} executor: {}", kind,
                    e.getMessage());
            exit.accept(1);
            return null;
        }
    }

    /**
     * @throws IllegalArgumentException naming every missing or malformed variable
     */
    static ExecutorConfig fromEnvironment(Map<String, String> env) {
        return new ExecutorConfig(env);
    }

    private static String require(Map<String, String> env, String name, List<String> missing) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            missing.add(name);
        }
        return value;
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + name + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
