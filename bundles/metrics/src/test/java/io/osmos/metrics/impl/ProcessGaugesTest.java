package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ProcessGaugesTest {

    @Test
    public void theProcessGaugesComeAndGoWithTheComponent() {
        MetricRegistry registry = new MetricRegistry();
        ProcessGauges gauges = new ProcessGauges(registry, new ProcFs(Path.of("/nonexistent-root")),
                ManagementFactory.getMemoryMXBean());

        // Without /proc the system gauges cannot be read and are left out; the JVM ones always can.
        Map<String, Double> snapshot = registry.snapshot();
        assertEquals(List.of("osmos/jvm/heap_committed_bytes", "osmos/jvm/heap_max_bytes",
                "osmos/jvm/heap_used_bytes"), List.copyOf(snapshot.keySet()));
        assertTrue(snapshot.get("osmos/jvm/heap_used_bytes") > 0);

        gauges.stop();
        assertTrue(registry.snapshot().isEmpty());
    }

    @Test
    public void onLinuxTheSystemGaugesAreThere() {
        assumeTrue(Files.isReadable(Path.of("/proc/meminfo")));
        MetricRegistry registry = new MetricRegistry();
        new ProcessGauges(registry);
        Map<String, Double> snapshot = registry.snapshot();
        assertTrue(snapshot.toString(), snapshot.get("system/mem_total_bytes") > 0);
        assertTrue(snapshot.toString(), snapshot.get("system/load_1min") >= 0);
        assertTrue(snapshot.toString(), snapshot.containsKey("system/mem_free_bytes"));
    }
}
