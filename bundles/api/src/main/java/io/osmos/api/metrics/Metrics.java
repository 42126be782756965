package io.osmos.api.metrics;

import java.util.SortedMap;
import java.util.function.DoubleSupplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The process-wide metrics registry. Any bundle registers its metrics here by Mesos name and
 * closes the returned {@link Registration}s when it stops, so a stopped bundle leaves no metric
 * behind. A name may be held by one metric at a time, as in libprocess.
 */
@ProviderType
public interface Metrics {

    /**
     * Registers a new counter starting at zero.
     *
     * @throws IllegalArgumentException when the name is blank or already registered
     */
    Counter counter(String name);

    /**
     * Registers a gauge read on every snapshot. The supplier is called on an HTTP event loop: it
     * must be cheap and must not block. One that throws is left out of that snapshot.
     *
     * @throws IllegalArgumentException when the name is blank or already registered
     */
    Registration gauge(String name, DoubleSupplier value);

    /** Every metric's current value by name, in name order; gauges are read during this call. */
    SortedMap<String, Double> snapshot();
}
