package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import io.osmos.api.metrics.Counter;
import io.osmos.api.metrics.Metrics;
import io.osmos.api.metrics.Registration;
import io.osmos.proto.v1.TaskState;

import org.junit.Test;

public class MasterMetricsTest {

    /** Gauges by name, as the metrics bundle keeps them. */
    private static final class Gauges implements Metrics {
        final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

        @Override
        public Counter counter(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration gauge(String name, DoubleSupplier value) {
            if (gauges.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(name + " is registered");
            }
            return new Registration() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void close() {
                    gauges.remove(name);
                }
            };
        }

        @Override
        public SortedMap<String, Double> snapshot() {
            SortedMap<String, Double> values = new TreeMap<>();
            gauges.forEach((name, value) -> values.put(name, value.getAsDouble()));
            return values;
        }
    }

    @Test
    public void theMastersCountsAndResourcesUnderMesosNames() throws Exception {
        Master master = BenchmarkCluster.master();
        Gauges metrics = new Gauges();
        try {
            BenchmarkCluster.populate(master, 3, 2, 2);
            master.cluster().taskCounters().ended(TaskState.TASK_FINISHED);
            MasterMetrics component = new MasterMetrics(master, metrics);
            master.loop().submit(() -> null).get();
            SortedMap<String, Double> snapshot = metrics.snapshot();
            assertEquals(3.0, snapshot.get("master/slaves_active"), 0);
            assertEquals(3 * 2 * 2.0, snapshot.get("master/tasks_running"), 0);
            assertEquals(1.0, snapshot.get("master/tasks_finished"), 0);
            assertEquals(0.0, snapshot.get("master/tasks_staging"), 0);
            assertEquals(3 * 2 * 2 * 0.1, snapshot.get("master/cpus_used"), 1e-9);
            assertEquals(snapshot.get("master/cpus_used") / snapshot.get("master/cpus_total"),
                    snapshot.get("master/cpus_percent"), 1e-9);
            assertEquals(1.0, snapshot.get("master/elected"), 0);
            assertTrue(snapshot.get("master/uptime_secs") >= 0);
            assertEquals("master/tasks_gone_by_operator", MasterMetrics.taskMetric(TaskState.TASK_GONE_BY_OPERATOR));

            component.stop();
            assertTrue("a stopped component leaves no metric: " + metrics.gauges.keySet(), metrics.gauges.isEmpty());
        } finally {
            master.stop();
        }
    }
}
