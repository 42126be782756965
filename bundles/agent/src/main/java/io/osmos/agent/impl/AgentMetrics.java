package io.osmos.agent.impl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.osmos.api.metrics.Metrics;
import io.osmos.api.metrics.Registration;
import io.osmos.api.resources.Resources;
import io.osmos.api.task.TaskStates;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskState;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent's metrics under Mesos' names ({@code slave/uptime_secs}, {@code slave/registered},
 * {@code slave/executors_running}, {@code slave/tasks_running}, {@code slave/cpus_used}, ...), taken on
 * the agent loop once a second so that a gauge read never waits for it. Swapping the metrics bundle
 * re-creates this component, which registers everything again.
 */
@Component(immediate = true)
public final class AgentMetrics {

    /** The numbers, taken on the loop in one pass. */
    record Sample(boolean registered, int frameworks, int executors, Map<TaskState, Integer> tasks, Resources total,
            Resources used) {
        static final Sample EMPTY = new Sample(false, 0, 0, Map.of(), Resources.EMPTY, Resources.EMPTY);

        int tasksIn(TaskState state) {
            return tasks.getOrDefault(state, 0);
        }
    }

    private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");

    private final List<Registration> registrations = new ArrayList<>();
    private final ScheduledFuture<?> sampling;
    private volatile Sample sample = Sample.EMPTY;

    @Activate
    public AgentMetrics(@Reference Agent agent, @Reference Metrics metrics) {
        sampling = agent.loop().every(1, TimeUnit.SECONDS, () -> sample = sample(agent));
        agent.loop().execute(() -> sample = sample(agent));
        long start = System.nanoTime();
        gauge(metrics, "slave/uptime_secs", () -> (System.nanoTime() - start) / 1e9);
        gauge(metrics, "slave/registered", () -> sample.registered() ? 1 : 0);
        gauge(metrics, "slave/frameworks_active", () -> sample.frameworks());
        gauge(metrics, "slave/executors_running", () -> sample.executors());
        for (TaskState state : List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_KILLING)) {
            gauge(metrics, "slave/tasks_" + state.name().substring(5).toLowerCase(Locale.ROOT),
                    () -> sample.tasksIn(state));
        }
        for (String resource : RESOURCES) {
            gauge(metrics, "slave/" + resource + "_total", () -> sample.total().scalar(resource));
            gauge(metrics, "slave/" + resource + "_used", () -> sample.used().scalar(resource));
            gauge(metrics, "slave/" + resource + "_percent", () -> {
                double total = sample.total().scalar(resource);
                return total > 0 ? sample.used().scalar(resource) / total : 0;
            });
        }
    }

    /** Loop only. */
    static Sample sample(Agent agent) {
        Map<TaskState, Integer> tasks = new EnumMap<>(TaskState.class);
        Resources used = Resources.EMPTY;
        int executors = 0;
        Map<String, Map<String, ExecutorRun>> runs = agent.tasks().executors;
        for (Map<String, ExecutorRun> ofFramework : runs.values()) {
            for (ExecutorRun run : ofFramework.values()) {
                executors++;
                used = used.plus(Resources.of(run.info.getResourcesList()));
                tasks.merge(TaskState.TASK_STAGING, run.queued.size(), Integer::sum);
                for (Task task : run.launched.values()) {
                    if (!TaskStates.terminal(task.getState())) {
                        tasks.merge(task.getState(), 1, Integer::sum);
                        used = used.plus(Resources.of(task.getResourcesList()));
                    }
                }
            }
        }
        return new Sample(agent.info().hasId(), runs.size(), executors, Map.copyOf(tasks),
                Resources.of(agent.info().getResourcesList()).withoutAllocationInfo(), used.withoutAllocationInfo());
    }

    private void gauge(Metrics metrics, String name, DoubleSupplier value) {
        registrations.add(metrics.gauge(name, value));
    }

    @Deactivate
    void stop() {
        sampling.cancel(false);
        registrations.forEach(Registration::close);
        registrations.clear();
    }
}
