package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * Quota in the 1.10 model. A role consumes what it is offered or allocated plus its unallocated
 * reservations. Guarantees are served first (stage 1) and held back from others as headroom;
 * limits cap what a role may be offered.
 */
final class QuotaRules {

    private final Map<String, Quota> quotas;
    private final Usage usage;
    private final Collection<AgentSlot> agents;

    QuotaRules(Map<String, Quota> quotas, Usage usage, Collection<AgentSlot> agents) {
        this.quotas = quotas;
        this.usage = usage;
        this.agents = agents;
    }

    boolean any() {
        return !quotas.isEmpty();
    }

    Map<String, Double> consumed(String role) {
        Map<String, Double> consumed = new HashMap<>(usage.ofSubtree(role));
        for (AgentSlot agent : agents) {
            for (Resource resource : agent.available().reserved()) {
                String owner = resource.getReservations(resource.getReservationsCount() - 1).getRole();
                if (resource.hasScalar() && io.osmos.api.resources.Roles.isAncestorOrSelf(role, owner)) {
                    consumed.merge(resource.getName(), resource.getScalar().getValue(), Double::sum);
                }
            }
        }
        return consumed;
    }

    /** What of its guarantee the role still lacks, by resource name (only positive amounts). */
    Map<String, Double> unsatisfied(String role) {
        Quota quota = quotas.get(role);
        Map<String, Double> missing = new HashMap<>();
        if (quota == null) {
            return missing;
        }
        Map<String, Double> consumed = consumed(role);
        quota.guarantees().forEach((name, guaranteed) -> {
            double lack = guaranteed - consumed.getOrDefault(name, 0.0);
            if (lack > 1e-9) {
                missing.put(name, lack);
            }
        });
        return missing;
    }

    /** Stage 1: unreserved amounts of guaranteed names cut down to what the guarantee lacks. */
    Resources toGuarantee(String role, Resources candidate) {
        Map<String, Double> missing = unsatisfied(role);
        Resources result = candidate;
        for (String name : quotas.get(role).guarantees().keySet()) {
            result = cap(result, name, missing.getOrDefault(name, 0.0));
        }
        return result;
    }

    /** Never beyond a role's limit. */
    Resources withinLimit(String role, Resources candidate) {
        Quota quota = quotas.get(role);
        if (quota == null || quota.limits().isEmpty()) {
            return candidate;
        }
        Map<String, Double> consumed = consumed(role);
        Resources result = candidate;
        for (Map.Entry<String, Double> limit : quota.limits().entrySet()) {
            result = cap(result, limit.getKey(), limit.getValue() - consumed.getOrDefault(limit.getKey(), 0.0));
        }
        return result;
    }

    /** Stage 2: leaves enough unreserved resources for the other roles' unmet guarantees. */
    Resources leavingHeadroom(String role, Resources candidate) {
        Map<String, Double> required = new HashMap<>();
        for (String other : quotas.keySet()) {
            if (!other.equals(role)) {
                unsatisfied(other).forEach((name, lack) -> required.merge(name, lack, Double::sum));
            }
        }
        if (required.isEmpty()) {
            return candidate;
        }
        Map<String, Double> free = new HashMap<>();
        for (AgentSlot agent : agents) {
            if (agent.active) {
                agent.available().unreserved().scalars().forEach((name, amount) -> free.merge(name, amount, Double::sum));
            }
        }
        Resources result = candidate;
        for (Map.Entry<String, Double> need : required.entrySet()) {
            result = cap(result, need.getKey(), free.getOrDefault(need.getKey(), 0.0) - need.getValue());
        }
        return result;
    }

    /** Cuts the unreserved scalar {@code name} in {@code resources} down to {@code max} (dropping it at 0). */
    static Resources cap(Resources resources, String name, double max) {
        Resources unreserved = resources.unreserved().names(Set.of(name));
        double have = unreserved.scalar(name);
        if (have <= max + 1e-9) {
            return resources;
        }
        Resources rest = resources.minus(unreserved);
        if (max <= 1e-9) {
            return rest;
        }
        List<Resource> kept = new ArrayList<>();
        Resource first = unreserved.toList().get(0);
        kept.add(first.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(max)).build());
        return rest.plus(Resources.of(kept));
    }
}
