package io.osmos.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A monotonically increasing count, as libprocess' {@code metrics::Counter}. Safe to update from
 * any thread. Updates after {@link #close()} are accepted but no longer reported.
 */
@ProviderType
public interface Counter extends Registration {

    void increment();

    /**
     * @throws IllegalArgumentException when the amount is negative: a counter never goes down
     */
    void add(long amount);

    long value();
}
