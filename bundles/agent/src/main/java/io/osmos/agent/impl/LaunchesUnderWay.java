package io.osmos.agent.impl;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches whose outcome is not recorded yet, so that a stopping agent can wait for them (a bounded
 * while) before its loop closes: what they start is then in the checkpoints its successor reads.
 */
final class LaunchesUnderWay {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchesUnderWay.class);

    private final String what;
    private final Set<CompletableFuture<?>> underWay = ConcurrentHashMap.newKeySet();

    /** @param what the launches, in plural, for the log: "executor launch(es)" */
    LaunchesUnderWay(String what) {
        this.what = what;
    }

    <T> CompletableFuture<T> track(CompletableFuture<T> launch) {
        underWay.add(launch);
        launch.whenComplete((ignored, error) -> underWay.remove(launch));
        return launch;
    }

    /** Off the loop: waits up to {@code millis} for the launches under way. */
    void drain(long millis) {
        try {
            CompletableFuture.allOf(underWay.toArray(CompletableFuture[]::new)).get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} {} still under way as the agent stops: {}", underWay.size(), what, e.toString());
        }
    }
}
