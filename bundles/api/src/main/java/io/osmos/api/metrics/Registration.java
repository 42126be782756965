package io.osmos.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** A registered metric; closing it removes the metric from every snapshot. Closing twice is harmless. */
@ProviderType
public interface Registration extends AutoCloseable {

    /** The Mesos name the metric was registered under. */
    String name();

    @Override
    void close();
}
