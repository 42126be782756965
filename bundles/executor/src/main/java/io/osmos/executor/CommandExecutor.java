package io.osmos.executor;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;


/**
 * The Mesos-style command executor, started by the agent as its own JVM with the environment of
 * reference §2.5: subscribes to the agent's executor API, runs the one task it is given and exits
 * once the task's terminal status is acknowledged.
 */
public final class CommandExecutor {

    static {
        // Before the logger below, whose set-up is the first thing the main thread spends time on.
        Warmup.begin();
    }


    private final Actor actor;
    private final TaskController controller;
    private final AgentSession session;

    private CommandExecutor(ExecutorConfig config, IntConsumer exit) {
        AtomicBoolean exited = new AtomicBoolean();
        IntConsumer exitOnce = code -> {
            if (exited.compareAndSet(false, true)) {
                exit.accept(code);
                stop();
            }
        };
        this.actor = new Actor(failure -> exitOnce.accept(1));
        this.controller = new TaskController(config, actor, exitOnce);
        this.session = new AgentSession(config, actor, controller);
        controller.attach(session);
    }

    public static void main(String[] args) {
        CommandExecutor executor = start(System.getenv(), System::exit);
        if (executor != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(executor::killTaskNow, "kill-task-on-exit"));
        }
    }

    /**
     * Starts the executor. Returns at once; the executor runs on its own threads until it calls
     * {@code exit} with its exit code (0 after a reported terminal status, 1 on failure).
     *
     * @param environment the variables the agent set (MESOS_FRAMEWORK_ID, MESOS_EXECUTOR_ID...)
     * @param exit called exactly once, from an executor thread, when the executor is done
     * @return the running executor, or null if the environment is unusable (exit was called with 1)
     */
    public static CommandExecutor start(Map<String, String> environment, IntConsumer exit) {
        ExecutorConfig config = ExecutorConfig.forStart(environment, exit, "command");
        if (config == null) {
            return null;
        }
        CommandExecutor executor = new CommandExecutor(config, exit);
        executor.actor.execute(executor.session::subscribe);
        return executor;
    }

    /** The pid of the task's process, if one was started. */
    public Long taskPid() {
        Process process = controller.process();
        return process == null ? null : process.pid();
    }

    private void stop() {
        actor.stop();
    }

    /** When the JVM goes down before the executor finished, no process of the task may outlive it. */
    private void killTaskNow() {
        Process process = controller.process();
        if (process != null && process.isAlive()) {
            ProcessTrees.killNow(process.toHandle());
        }
    }
}
