package io.osmos.agent.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment an executor starts with (Mesos reference §2.5). */
final class ExecutorEnvironment {

    /** Mesos' {@code recovery_timeout}: how long a checkpointing executor waits for its agent to come back. */
    static final String RECOVERY_TIMEOUT = "15mins";

    private ExecutorEnvironment() {
    }

    static final String BACKOFF_MAX = "MESOS_SUBSCRIPTION_BACKOFF_MAX";

    /**
     * @param base the agent's environment with its transports' variables and {@value #BACKOFF_MAX},
     *        which only checkpointing executors keep
     */
    static Map<String, String> of(Map<String, String> base, ExecutorRun run, String agentId) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("MESOS_FRAMEWORK_ID", run.frameworkId());
        env.put("MESOS_EXECUTOR_ID", run.executorId());
        env.put("MESOS_DIRECTORY", run.sandbox.toString());
        env.put("MESOS_SANDBOX", run.sandbox.toString());
        env.put("MESOS_SLAVE_ID", agentId);
        env.put("MESOS_AGENT_ID", agentId);
        env.put("MESOS_CHECKPOINT", run.framework.getCheckpoint() ? "1" : "0");
        env.put("MESOS_HTTP_COMMAND_EXECUTOR", "1");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", ExecutorKiller.SHUTDOWN_GRACE_SECONDS + "secs");
        env.put("LIBPROCESS_PORT", "0");
        if (run.framework.getCheckpoint()) {
            env.put("MESOS_RECOVERY_TIMEOUT", RECOVERY_TIMEOUT);
        } else {
            env.remove(BACKOFF_MAX);
        }
        return env;
    }
}
