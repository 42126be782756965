package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hierarchical DRF order of roles: siblings are sorted by the dominant share of their whole
 * subtree (over their weight), then by name; the tree is walked depth first, a role before its
 * children. Only roles that want offers are listed; their ancestors only steer the order.
 */
final class RoleOrder {

    private RoleOrder() {
    }

    static List<String> of(Set<String> wanting, Usage usage, Map<String, Double> totals, Map<String, Double> weights) {
        Set<String> nodes = new TreeSet<>();
        for (String role : wanting) {
            nodes.add(role);
            for (int slash = role.indexOf('/'); slash > 0; slash = role.indexOf('/', slash + 1)) {
                nodes.add(role.substring(0, slash));
            }
        }
        List<String> order = new ArrayList<>();
        visit(children(null, nodes), nodes, wanting, usage, totals, weights, order);
        return order;
    }

    private static void visit(List<String> siblings, Set<String> nodes, Set<String> wanting, Usage usage,
            Map<String, Double> totals, Map<String, Double> weights, List<String> order) {
        siblings.sort(Comparator.comparingDouble((String role) -> Usage.share(usage.ofSubtree(role), totals,
                weights.getOrDefault(role, 1.0))).thenComparing(Comparator.naturalOrder()));
        for (String role : siblings) {
            if (wanting.contains(role)) {
                order.add(role);
            }
            visit(children(role, nodes), nodes, wanting, usage, totals, weights, order);
        }
    }

    private static List<String> children(String parent, Set<String> nodes) {
        List<String> children = new ArrayList<>();
        for (String node : nodes) {
            int slash = node.lastIndexOf('/');
            String nodeParent = slash < 0 ? null : node.substring(0, slash);
            if (parent == null ? nodeParent == null : parent.equals(nodeParent)) {
                children.add(node);
            }
        }
        return children;
    }
}
