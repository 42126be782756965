package io.osmos.executor;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;


/**
 * The Mesos-style default executor, started by the agent as its own JVM (like the command
 * executor, with this class name) for executors of type DEFAULT: subscribes to the executor API,
 * runs each task of the task groups it is given in a nested container through the agent's Operator
 * API, and exits once no task is left and every status update is acknowledged.
 */
public final class DefaultExecutor {

    static {
        // As in the command executor: class loading overlaps the logger's set-up.
        Warmup.begin();
    }


    private final Actor actor;
    private final AgentSession session;

    private DefaultExecutor(ExecutorConfig config, IntConsumer exit) {
        AtomicBoolean exited = new AtomicBoolean();
        IntConsumer exitOnce = code -> {
            if (exited.compareAndSet(false, true)) {
                exit.accept(code);
                stop();
            }
        };
        this.actor = new Actor(failure -> exitOnce.accept(1));
        TaskGroupController controller = new TaskGroupController(config, actor, exitOnce);
        this.session = new AgentSession(config, actor, controller);
        controller.attach(session);
    }

    private void stop() {
        actor.stop();
    }

    public static void main(String[] args) {
        start(System.getenv(), System::exit);
    }

    /**
     * Starts the executor. Returns at once; the executor runs on its own threads until it calls
     * {@code exit} with its exit code (0 once every task ended and was reported, 1 on failure).
     *
     * @param environment the variables the agent set (MESOS_FRAMEWORK_ID, MESOS_EXECUTOR_ID...)
     * @param exit called exactly once, from an executor thread, when the executor is done
     * @return the running executor, or null if the environment is unusable (exit was called with 1)
     */
    public static DefaultExecutor start(Map<String, String> environment, IntConsumer exit) {
        ExecutorConfig config = ExecutorConfig.forStart(environment, exit, "default");
        if (config == null) {
            return null;
        }
        DefaultExecutor executor = new DefaultExecutor(config, exit);
        executor.actor.execute(executor.session::subscribe);
        return executor;
    }
}
