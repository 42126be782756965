package io.osmos.agent.impl;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Registration back-off as the Mesos agent does it: the first retry waits a random time up to the
 * factor, and each further failure doubles the bound, up to a maximum.
 */
final class Backoff {

    private final long factorMillis;
    private final long maxMillis;
    private long boundMillis;

    Backoff(long factorMillis, long maxMillis) {
        if (factorMillis <= 0 || maxMillis < factorMillis) {
            throw new IllegalArgumentException("Back-off needs 0 < factor <= max, got " + factorMillis + " and " + maxMillis);
        }
        this.factorMillis = factorMillis;
        this.maxMillis = maxMillis;
        this.boundMillis = factorMillis;
    }

    /** The delay before the next attempt; grows the bound for the one after. */
    synchronized long nextDelayMillis() {
        long delay = ThreadLocalRandom.current().nextLong(boundMillis + 1);
        boundMillis = Math.min(maxMillis, boundMillis * 2);
        return delay;
    }

    synchronized void reset() {
        boundMillis = factorMillis;
    }
}
