package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Filters;

/**
 * Decline filters per (framework, role, agent): a candidate offer is filtered while a refused set
 * that contains it is in force. Each filter removes itself when its time is up.
 */
final class OfferFilters {

    static final double DEFAULT_REFUSE_SECONDS = 5.0;
    static final double MAX_REFUSE_SECONDS = 365 * 24 * 3600.0;

    private final ScheduledExecutorService scheduler;
    private final double minimumSeconds;
    private final Map<String, List<Resources>> refused = new HashMap<>();

    OfferFilters(ScheduledExecutorService scheduler, double minimumSeconds) {
        this.scheduler = scheduler;
        this.minimumSeconds = minimumSeconds;
    }

    private static String key(String framework, String role, String agent) {
        return framework + "\n" + role + "\n" + agent;
    }

    /** Installs a filter for refused resources; none when refuse_seconds is 0. */
    void add(String framework, String role, String agent, Resources resources, Filters filters) {
        double seconds = filters.getRefuseSeconds();
        if (!(seconds >= 0)) {
            seconds = DEFAULT_REFUSE_SECONDS;
        }
        if (seconds == 0 || resources.isEmpty()) {
            return;
        }
        seconds = Math.max(minimumSeconds, Math.min(seconds, MAX_REFUSE_SECONDS));
        String key = key(framework, role, agent);
        Resources plain = resources.withoutAllocationInfo();
        refused.computeIfAbsent(key, k -> new ArrayList<>()).add(plain);
        scheduler.schedule(() -> remove(key, plain), (long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    private void remove(String key, Resources resources) {
        List<Resources> list = refused.get(key);
        if (list != null) {
            list.remove(resources);
            if (list.isEmpty()) {
                refused.remove(key);
            }
        }
    }

    boolean filtered(String framework, String role, String agent, Resources candidate) {
        List<Resources> list = refused.get(key(framework, role, agent));
        if (list == null) {
            return false;
        }
        Resources plain = candidate.withoutAllocationInfo();
        return list.stream().anyMatch(r -> r.contains(plain));
    }

    /** REVIVE: the framework's filters for these roles go. */
    void clear(String framework, java.util.Set<String> roles) {
        refused.keySet().removeIf(k -> {
            String[] parts = k.split("\n", 3);
            return parts[0].equals(framework) && roles.contains(parts[1]);
        });
    }

    void clear(String framework) {
        refused.keySet().removeIf(k -> k.startsWith(framework + "\n"));
    }
}
