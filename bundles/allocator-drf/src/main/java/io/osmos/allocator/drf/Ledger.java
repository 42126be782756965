package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;

/**
 * What is offered or allocated, by role (in the role tree) and by framework within each role:
 * the input of both DRF sorters. Resources are attributed by their {@code allocation_info.role}.
 */
final class Ledger {

    private static final Allocation NOTHING = new Allocation();

    private final RoleTree roles = new RoleTree();
    /** role → framework id → allocation. */
    private final Map<String, Map<String, Allocation>> frameworks = new HashMap<>();

    void track(String framework, Resources resources) {
        byRole(resources).forEach((role, held) -> {
            roles.add(role, held);
            frameworks.computeIfAbsent(role, k -> new HashMap<>()).computeIfAbsent(framework, k -> new Allocation())
                    .add(held);
        });
    }

    void untrack(String framework, Resources resources) {
        byRole(resources).forEach((role, held) -> {
            roles.subtract(role, held);
            Allocation allocation = frameworks.getOrDefault(role, Map.of()).get(framework);
            if (allocation != null) {
                allocation.subtract(held);
            }
        });
    }

    /** Drops a removed framework (whose resources were untracked) from the framework sorters. */
    void forget(String framework) {
        frameworks.values().forEach(byFramework -> byFramework.remove(framework));
        frameworks.values().removeIf(Map::isEmpty);
    }

    List<String> roleOrder(Set<String> wanting, Fairness fairness, ToDoubleFunction<String> weight) {
        return roles.order(wanting, fairness, weight);
    }

    /** Frameworks of a role in DRF order of what they hold in that role (all with weight 1). */
    List<FrameworkState> frameworkOrder(String role, List<FrameworkState> candidates, Fairness fairness) {
        Map<String, Allocation> held = frameworks.getOrDefault(role, Map.of());
        List<Fairness.Client<FrameworkState>> clients = new ArrayList<>(candidates.size());
        for (FrameworkState framework : candidates) {
            String id = framework.id();
            clients.add(new Fairness.Client<>(framework, id, held.getOrDefault(id, NOTHING), 1.0));
        }
        return fairness.order(clients);
    }

    Allocation ofRoleSubtree(String role) {
        return roles.subtree(role);
    }

    Allocation ofFramework(String role, String framework) {
        return frameworks.getOrDefault(role, Map.of()).getOrDefault(framework, NOTHING);
    }

    static Map<String, Resources> byRole(Resources resources) {
        Map<String, List<Resource>> grouped = new LinkedHashMap<>();
        for (Resource resource : resources) {
            grouped.computeIfAbsent(resource.getAllocationInfo().getRole(), k -> new ArrayList<>()).add(resource);
        }
        Map<String, Resources> result = new LinkedHashMap<>();
        grouped.forEach((role, list) -> result.put(role, Resources.of(list)));
        return result;
    }
}
