package io.osmos.api.allocator;

import java.util.concurrent.ScheduledExecutorService;

import org.osgi.annotation.versioning.ProviderType;

/** What the master gives an allocator: where to send offers and where to run its own work. */
@ProviderType
public interface AllocatorContext {

    /** Offers go here, from the scheduler's thread. */
    OfferSink offers();

    /** Runs the allocator's timers and deferred work on the master's loop (one thread). */
    ScheduledExecutorService scheduler();

    /** Seconds between periodic allocation cycles (Mesos' {@code --allocation_interval}, default 1). */
    double allocationIntervalSeconds();
}
