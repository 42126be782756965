package io.osmos.allocator.drf;

import java.util.HashMap;
import java.util.Map;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;

/**
 * Offered-or-allocated scalar quantities by role and by (framework, role): what DRF shares are
 * computed from. Kept in step with every allocation and release.
 */
final class Usage {

    private final Map<String, Map<String, Double>> byRole = new HashMap<>();
    private final Map<String, Map<String, Double>> byFrameworkRole = new HashMap<>();

    void add(String framework, Resources resources) {
        change(framework, resources, 1);
    }

    void remove(String framework, Resources resources) {
        change(framework, resources, -1);
    }

    private void change(String framework, Resources resources, int sign) {
        for (Resource resource : resources) {
            if (!resource.hasScalar() || !resource.hasAllocationInfo()) {
                continue;
            }
            String role = resource.getAllocationInfo().getRole();
            double amount = sign * resource.getScalar().getValue();
            byRole.computeIfAbsent(role, k -> new HashMap<>()).merge(resource.getName(), amount, Double::sum);
            byFrameworkRole.computeIfAbsent(framework + "\n" + role, k -> new HashMap<>())
                    .merge(resource.getName(), amount, Double::sum);
        }
    }

    /** What a role and all roles below it use. */
    Map<String, Double> ofSubtree(String role) {
        Map<String, Double> sum = new HashMap<>();
        byRole.forEach((name, used) -> {
            if (name.equals(role) || (!role.equals("*") && name.startsWith(role + "/"))) {
                used.forEach((resource, amount) -> sum.merge(resource, amount, Double::sum));
            }
        });
        return sum;
    }

    Map<String, Double> of(String framework, String role) {
        return byFrameworkRole.getOrDefault(framework + "\n" + role, Map.of());
    }

    /** Dominant share: the largest fraction of any (fairness-counted) resource, over the weight. */
    static double share(Map<String, Double> used, Map<String, Double> totals, double weight) {
        double dominant = 0;
        for (Map.Entry<String, Double> total : totals.entrySet()) {
            if (total.getValue() > 0) {
                dominant = Math.max(dominant, used.getOrDefault(total.getKey(), 0.0) / total.getValue());
            }
        }
        return dominant / weight;
    }
}
