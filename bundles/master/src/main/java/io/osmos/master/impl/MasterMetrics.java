package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import io.osmos.api.metrics.Metrics;
import io.osmos.api.metrics.Registration;
import io.osmos.proto.v1.TaskState;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The master's metrics under Mesos' names ({@code master/uptime_secs}, {@code master/tasks_running},
 * {@code master/cpus_used}, ...), served by {@code /metrics/snapshot}, {@code /metrics} and
 * GET_METRICS. Counts are taken on the master loop once a second, so a gauge read never waits for
 * the loop; the {@code tasks_<terminal>} ones count since the master started, as in Mesos. Swapping
 * the metrics bundle re-creates this component, which registers everything again.
 */
@Component(immediate = true)
public final class MasterMetrics {

    private static final List<String> RESOURCES = List.of("cpus", "mem", "disk", "gpus");

    private final List<Registration> registrations = new ArrayList<>();
    private final ScheduledFuture<?> sampling;
    private volatile MasterStats stats = MasterStats.EMPTY;

    @Activate
    public MasterMetrics(@Reference Master master, @Reference Metrics metrics) {
        Cluster cluster = master.cluster();
        sampling = master.loop().every(1, TimeUnit.SECONDS, () -> stats = MasterStats.of(cluster));
        master.loop().execute(() -> stats = MasterStats.of(cluster));
        long startNanos = master.startNanos();
        gauge(metrics, "master/uptime_secs", () -> (System.currentTimeMillis() * 1_000_000L - startNanos) / 1e9);
        gauge(metrics, "master/elected", () -> 1);
        gauge(metrics, "master/slaves_active", () -> stats.agentsActive());
        gauge(metrics, "master/slaves_inactive", () -> stats.agentsTotal() - stats.agentsActive());
        gauge(metrics, "master/slaves_connected", () -> stats.agentsConnected());
        gauge(metrics, "master/slaves_disconnected", () -> stats.agentsTotal() - stats.agentsConnected());
        gauge(metrics, "master/frameworks_active", () -> stats.frameworksActive());
        gauge(metrics, "master/frameworks_inactive", () -> stats.frameworksTotal() - stats.frameworksActive());
        gauge(metrics, "master/frameworks_connected", () -> stats.frameworksConnected());
        gauge(metrics, "master/frameworks_disconnected", () -> stats.frameworksTotal() - stats.frameworksConnected());
        gauge(metrics, "master/outstanding_offers", () -> stats.outstandingOffers());
        for (TaskState state : List.of(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_KILLING, TaskState.TASK_UNREACHABLE)) {
            gauge(metrics, taskMetric(state), () -> stats.tasksIn(state));
        }
        for (TaskState state : List.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
                TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_DROPPED, TaskState.TASK_GONE,
                TaskState.TASK_GONE_BY_OPERATOR)) {
            gauge(metrics, taskMetric(state), () -> cluster.taskCounters().ended(state.getNumber()));
        }
        for (String resource : RESOURCES) {
            gauge(metrics, "master/" + resource + "_total", () -> stats.total().scalar(resource));
            gauge(metrics, "master/" + resource + "_used", () -> stats.used().scalar(resource));
            gauge(metrics, "master/" + resource + "_percent", () -> percent(stats.used().scalar(resource),
                    stats.total().scalar(resource)));
        }
    }

    private void gauge(Metrics metrics, String name, DoubleSupplier value) {
        registrations.add(metrics.gauge(name, value));
    }

    /** {@code TASK_RUNNING} → {@code master/tasks_running}. */
    static String taskMetric(TaskState state) {
        return "master/tasks_" + state.name().substring("TASK_".length()).toLowerCase(Locale.ROOT);
    }

    /** Mesos reports a share (0 to 1), 0 when there is nothing. */
    private static double percent(double used, double total) {
        return total > 0 ? used / total : 0;
    }

    @Deactivate
    void stop() {
        sampling.cancel(false);
        registrations.forEach(Registration::close);
        registrations.clear();
    }
}
