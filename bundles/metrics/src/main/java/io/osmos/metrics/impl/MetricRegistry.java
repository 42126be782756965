package io.osmos.metrics.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;

import io.osmos.api.metrics.Counter;
import io.osmos.api.metrics.Metrics;
import io.osmos.api.metrics.Registration;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one registry. A skip list keeps names sorted for snapshots without a lock;
 * registration and removal are single atomic map operations.
 */
@Component(service = { Metrics.class, MetricSource.class })
public final class MetricRegistry implements Metrics, MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(MetricRegistry.class);

    private final ConcurrentNavigableMap<String, Object> metrics = new ConcurrentSkipListMap<>();

    @Override
    public Counter counter(String name) {
        LongCounter counter = new LongCounter(checkName(name), c -> metrics.remove(c.name(), c));
        register(name, counter);
        return counter;
    }

    @Override
    public Registration gauge(String name, DoubleSupplier value) {
        Objects.requireNonNull(value, "value");
        Gauge gauge = new Gauge(checkName(name), value);
        register(name, gauge);
        return gauge;
    }

    @Override
    public SortedMap<String, Double> snapshot() {
        SortedMap<String, Double> values = new TreeMap<>();
        for (MetricSample sample : samples()) {
            values.put(sample.name(), sample.value());
        }
        return Collections.unmodifiableSortedMap(values);
    }

    @Override
    public List<MetricSample> samples() {
        List<MetricSample> samples = new ArrayList<>(metrics.size());
        metrics.forEach((name, metric) -> {
            if (metric instanceof LongCounter counter) {
                samples.add(new MetricSample(name, MetricSample.Kind.COUNTER, counter.value()));
            } else if (metric instanceof Gauge gauge) {
                read(gauge).ifPresent(samples::add);
            }
        });
        return samples;
    }

    private static Optional<MetricSample> read(Gauge gauge) {
        try {
            return Optional.of(
                    new MetricSample(gauge.name(), MetricSample.Kind.GAUGE, gauge.value().getAsDouble()));
        } catch (RuntimeException e) {
            // A gauge that cannot be read (a vanished /proc file, a stopping component) must not fail the snapshot.
            LOG.debug("Gauge {} left out of the snapshot: {}", gauge.name(), e.toString(), e);
            return Optional.empty();
        }
    }

    private void register(String name, Object metric) {
        if (metrics.putIfAbsent(name, metric) != null) {
            throw new IllegalArgumentException("Metric '" + name + "' is already registered");
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A metric needs a name, got '" + name + "'");
        }
        return name;
    }

    private final class Gauge implements Registration {

        private final String name;
        private final DoubleSupplier value;

        Gauge(String name, DoubleSupplier value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public String name() {
            return name;
        }

        DoubleSupplier value() {
            return value;
        }

        @Override
        public void close() {
            metrics.remove(name, this);
        }
    }
}
