package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.osmos.api.metrics.Counter;
import io.osmos.api.metrics.Registration;

import org.junit.Test;

public class MetricRegistryTest {

    private final MetricRegistry registry = new MetricRegistry();

    @Test
    public void aCounterCountsFromZero() {
        Counter runs = registry.counter("allocator/mesos/allocation_runs");
        assertEquals(Map.of("allocator/mesos/allocation_runs", 0.0), registry.snapshot());
        runs.increment();
        runs.add(41);
        assertEquals(42, runs.value());
        assertEquals(42.0, registry.snapshot().get("allocator/mesos/allocation_runs"), 0);
    }

    @Test
    public void aCounterNeverGoesDown() {
        Counter counter = registry.counter("master/messages");
        assertThrows(IllegalArgumentException.class, () -> counter.add(-1));
        assertEquals(0, counter.value());
    }

    @Test
    public void concurrentIncrementsAreAllCounted() throws Exception {
        Counter counter = registry.counter("master/events");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> {
                for (int j = 0; j < 10_000; j++) {
                    counter.increment();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(40_000.0, registry.snapshot().get("master/events"), 0);
    }

    @Test
    public void aGaugeIsReadAtSnapshotTime() {
        double[] tasks = {3};
        registry.gauge("master/tasks_running", () -> tasks[0]);
        assertEquals(3.0, registry.snapshot().get("master/tasks_running"), 0);
        tasks[0] = 5;
        assertEquals(5.0, registry.snapshot().get("master/tasks_running"), 0);
    }

    @Test
    public void closingRemovesTheMetricAndFreesItsName() {
        Registration gauge = registry.gauge("master/uptime_secs", () -> 1);
        Counter counter = registry.counter("master/tasks_finished");
        gauge.close();
        counter.close();
        counter.close();
        assertTrue(registry.snapshot().isEmpty());
        registry.gauge("master/uptime_secs", () -> 2);
        assertEquals(Map.of("master/uptime_secs", 2.0), registry.snapshot());
    }

    @Test
    public void closingAnOldRegistrationLeavesItsSuccessorAlone() {
        Registration old = registry.gauge("g", () -> 1);
        old.close();
        registry.gauge("g", () -> 2);
        old.close();
        assertEquals(Map.of("g", 2.0), registry.snapshot());
    }

    @Test
    public void aNameIsHeldByOneMetricAtATime() {
        registry.counter("master/tasks_lost");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.gauge("master/tasks_lost", () -> 0));
        assertTrue(e.getMessage(), e.getMessage().contains("master/tasks_lost"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("master/tasks_lost"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter(" "));
        assertThrows(IllegalArgumentException.class, () -> registry.counter(null));
    }

    @Test
    public void theSnapshotIsInNameOrder() {
        registry.gauge("system/load_1min", () -> 0.5);
        registry.counter("allocator/mesos/allocation_runs");
        registry.gauge("master/tasks_running", () -> 1);
        assertEquals(List.of("allocator/mesos/allocation_runs", "master/tasks_running", "system/load_1min"),
                List.copyOf(registry.snapshot().keySet()));
        assertEquals(List.of("allocator/mesos/allocation_runs", "master/tasks_running", "system/load_1min"),
                registry.samples().stream().map(MetricSample::name).toList());
    }

    @Test
    public void aGaugeThatThrowsIsLeftOut() {
        registry.gauge("a/broken", () -> {
            throw new IllegalStateException("gone");
        });
        registry.gauge("b/fine", () -> 7);
        assertEquals(Map.of("b/fine", 7.0), registry.snapshot());
        assertFalse(registry.snapshot().containsKey("a/broken"));
    }

    @Test
    public void samplesCarryTheKind() {
        registry.counter("c");
        registry.gauge("g", () -> 1);
        assertEquals(List.of(new MetricSample("c", MetricSample.Kind.COUNTER, 0),
                new MetricSample("g", MetricSample.Kind.GAUGE, 1)), registry.samples());
    }
}
