package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Filters;

/**
 * Decline filters per (framework, role, agent). A candidate offer is filtered while a refusal whose
 * resources contain it is in force, so offering anything more or different gets through. Each
 * refusal removes itself on the scheduler when its time is up.
 */
final class OfferFilters {

    static final double DEFAULT_REFUSE_SECONDS = 5.0;
    static final double MAX_REFUSE_SECONDS = 365 * 24 * 3600.0;

    private record Key(String framework, String role, String agent) {
    }

    private static final class Refusal {
        final Resources resources;
        ScheduledFuture<?> expiry;

        Refusal(Resources resources) {
            this.resources = resources;
        }
    }

    private final ScheduledExecutorService scheduler;
    private final double minimumSeconds;
    private final Map<Key, List<Refusal>> refusals = new HashMap<>();

    /** @param minimumSeconds the allocation interval: no filter is shorter (MESOS-4302) */
    OfferFilters(ScheduledExecutorService scheduler, double minimumSeconds) {
        this.scheduler = scheduler;
        this.minimumSeconds = minimumSeconds;
    }

    /** How long a refusal lasts, in seconds; 0 means no filter. */
    static double seconds(Filters filters, double minimumSeconds) {
        double seconds = filters.getRefuseSeconds();
        if (Double.isNaN(seconds) || seconds < 0) {
            seconds = DEFAULT_REFUSE_SECONDS;
        }
        if (seconds == 0) {
            return 0;
        }
        return Math.max(minimumSeconds, Math.min(seconds, MAX_REFUSE_SECONDS));
    }

    void refuse(String framework, String role, String agent, Resources refused, Filters filters) {
        double seconds = seconds(filters, minimumSeconds);
        if (seconds == 0 || refused.isEmpty()) {
            return;
        }
        Key key = new Key(framework, role, agent);
        Refusal refusal = new Refusal(refused.withoutAllocationInfo());
        refusals.computeIfAbsent(key, k -> new ArrayList<>()).add(refusal);
        refusal.expiry = scheduler.schedule(() -> expire(key, refusal), Math.round(seconds * 1000),
                TimeUnit.MILLISECONDS);
    }

    private void expire(Key key, Refusal refusal) {
        List<Refusal> list = refusals.get(key);
        if (list != null && list.remove(refusal) && list.isEmpty()) {
            refusals.remove(key);
        }
    }

    boolean filtered(String framework, String role, String agent, Resources candidate) {
        List<Refusal> list = refusals.get(new Key(framework, role, agent));
        if (list == null) {
            return false;
        }
        Resources plain = candidate.withoutAllocationInfo();
        for (Refusal refusal : list) {
            if (refusal.resources.contains(plain)) {
                return true;
            }
        }
        return false;
    }

    /** REVIVE: the framework's filters for these roles go. */
    void clear(String framework, Set<String> roles) {
        clearWhere(key -> key.framework.equals(framework) && roles.contains(key.role));
    }

    void clearFramework(String framework) {
        clearWhere(key -> key.framework.equals(framework));
    }

    void clearAgent(String agent) {
        clearWhere(key -> key.agent.equals(agent));
    }

    void close() {
        clearWhere(key -> true);
    }

    int size() {
        return refusals.values().stream().mapToInt(List::size).sum();
    }

    private void clearWhere(Predicate<Key> which) {
        refusals.entrySet().removeIf(entry -> {
            if (!which.test(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(refusal -> refusal.expiry.cancel(false));
            return true;
        });
    }
}
