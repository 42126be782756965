package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class PrometheusTextTest {

    @Test
    public void mesosNamesAreSanitized() {
        assertEquals("master_tasks_running", PrometheusText.sanitize("master/tasks_running"));
        assertEquals("allocator_mesos_allocation_runs", PrometheusText.sanitize("allocator/mesos/allocation_runs"));
        assertEquals("master_frameworks_my_fw_1_0_calls", PrometheusText.sanitize("master/frameworks/my-fw 1.0/calls"));
        assertEquals("_st", PrometheusText.sanitize("1st"));
    }

    @Test
    public void aCounterAndAGaugeGetHelpTypeAndSampleLines() {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("allocator/mesos/allocation_runs").add(7);
        registry.gauge("master/tasks_running", () -> 2.5);

        List<String> lines = PrometheusText.write(registry.samples()).lines().toList();

        assertEquals(List.of(
                "# HELP allocator_mesos_allocation_runs_total Mesos metric allocator/mesos/allocation_runs",
                "# TYPE allocator_mesos_allocation_runs_total counter",
                "allocator_mesos_allocation_runs_total 7.0",
                "# HELP master_tasks_running Mesos metric master/tasks_running",
                "# TYPE master_tasks_running gauge",
                "master_tasks_running 2.5"), lines);
    }

    @Test
    public void everyLineIsACommentOrAValidSample() {
        MetricRegistry registry = new MetricRegistry();
        registry.gauge("system/mem_total_bytes", () -> 16e9);
        registry.gauge("osmos/jvm/heap_max_bytes", () -> Double.NaN);
        registry.counter("slave/executors-launched").increment();

        for (String line : PrometheusText.write(registry.samples()).lines().toList()) {
            assertTrue(line, line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-zA-Z_:][a-zA-Z0-9_:]* (NaN|[+-]Inf|-?[0-9.]+(E-?[0-9]+)?)"));
        }
    }

    @Test
    public void namesThatSanitizeAlikeAppearOnce() {
        List<MetricSample> samples = List.of(new MetricSample("a/b", MetricSample.Kind.GAUGE, 1),
                new MetricSample("a_b", MetricSample.Kind.GAUGE, 2));
        List<String> lines = PrometheusText.write(samples).lines().toList();
        assertEquals(List.of("# HELP a_b Mesos metric a/b", "# TYPE a_b gauge", "a_b 1.0"), lines);
    }

    @Test
    public void theContentTypeIsTextFormat004() {
        assertEquals("text/plain; version=0.0.4; charset=utf-8", PrometheusText.CONTENT_TYPE);
    }
}
