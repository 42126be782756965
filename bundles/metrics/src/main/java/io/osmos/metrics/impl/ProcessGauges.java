package io.osmos.metrics.impl;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import io.osmos.api.metrics.Metrics;
import io.osmos.api.metrics.Registration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The gauges every Osmos process has, so the endpoints say something before any other bundle
 * registers: Mesos' {@code system/*} host figures and the JVM heap under {@code osmos/jvm/*}.
 */
@Component(service = {})
public final class ProcessGauges {

    private final List<Registration> registrations = new ArrayList<>();

    @Activate
    public ProcessGauges(@Reference Metrics metrics) {
        this(metrics, new ProcFs(Path.of("/")), ManagementFactory.getMemoryMXBean());
    }

    ProcessGauges(Metrics metrics, ProcFs proc, MemoryMXBean memory) {
        try {
            add(metrics, "system/cpus_total", proc::onlineCpus);
            add(metrics, "system/load_1min", () -> proc.loadAverage(0));
            add(metrics, "system/load_5min", () -> proc.loadAverage(1));
            add(metrics, "system/load_15min", () -> proc.loadAverage(2));
            add(metrics, "system/mem_total_bytes", () -> proc.meminfoBytes("MemTotal"));
            add(metrics, "system/mem_free_bytes", () -> proc.meminfoBytes("MemFree"));
            add(metrics, "osmos/jvm/heap_used_bytes", () -> memory.getHeapMemoryUsage().getUsed());
            add(metrics, "osmos/jvm/heap_committed_bytes", () -> memory.getHeapMemoryUsage().getCommitted());
            add(metrics, "osmos/jvm/heap_max_bytes", () -> heapMax(memory.getHeapMemoryUsage()));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Deactivate
    public void stop() {
        registrations.forEach(Registration::close);
        registrations.clear();
    }

    private void add(Metrics metrics, String name, DoubleSupplier value) {
        registrations.add(metrics.gauge(name, value));
    }

    private static double heapMax(MemoryUsage heap) {
        if (heap.getMax() < 0) {
            throw new IllegalStateException("The JVM heap has no defined maximum");
        }
        return heap.getMax();
    }
}
