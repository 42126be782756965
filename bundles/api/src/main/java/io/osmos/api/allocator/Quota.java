package io.osmos.api.allocator;

import java.util.Map;

/**
 * A role's quota in the Mesos 1.10 model: guaranteed quantities (held back for the role as
 * headroom) and limits (never allocated beyond), both by scalar resource name.
 */
public record Quota(Map<String, Double> guarantees, Map<String, Double> limits) {

    public static final Quota NONE = new Quota(Map.of(), Map.of());

    public Quota {
        guarantees = Map.copyOf(guarantees);
        limits = Map.copyOf(limits);
    }

    public boolean isNone() {
        return guarantees.isEmpty() && limits.isEmpty();
    }
}
