package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import io.osmos.api.resources.Resources;
import io.osmos.api.resources.Roles;

/**
 * Roles as a tree by name ({@code a/b} under {@code a}) with what each holds itself and what its
 * whole subtree holds. Ordering walks the tree: siblings are compared by their subtree's share
 * over their weight; a role that has frameworks of its own competes with its children as one more
 * sibling holding only its own allocation.
 */
final class RoleTree {

    private static final class Node {
        final Allocation own = new Allocation();
        final Allocation subtree = new Allocation();
    }

    private static final Node NONE = new Node();

    private final Map<String, Node> nodes = new HashMap<>();

    /** {@code resources} are now held by {@code role}, and so by each of its ancestors' subtrees. */
    void add(String role, Resources resources) {
        for (String node : Roles.selfAndAncestors(role)) {
            nodes.computeIfAbsent(node, k -> new Node()).subtree.add(resources);
        }
        nodes.get(role).own.add(resources);
    }

    void subtract(String role, Resources resources) {
        for (String node : Roles.selfAndAncestors(role)) {
            Node found = nodes.get(node);
            if (found != null) {
                found.subtree.subtract(resources);
            }
        }
        Node found = nodes.get(role);
        if (found != null) {
            found.own.subtract(resources);
        }
    }

    Allocation subtree(String role) {
        return nodes.getOrDefault(role, NONE).subtree;
    }

    Allocation own(String role) {
        return nodes.getOrDefault(role, NONE).own;
    }

    /** The roles of {@code wanting} in hierarchical DRF order. */
    List<String> order(Set<String> wanting, Fairness fairness, ToDoubleFunction<String> weight) {
        Map<String, List<String>> children = new TreeMap<>();
        Set<String> present = new TreeSet<>();
        for (String role : wanting) {
            present.addAll(Roles.selfAndAncestors(role));
        }
        for (String role : present) {
            children.computeIfAbsent(Roles.parent(role).orElse(""), k -> new ArrayList<>()).add(role);
        }
        List<String> order = new ArrayList<>(wanting.size());
        visit(null, children, wanting, fairness, weight, order);
        return order;
    }

    private void visit(String parent, Map<String, List<String>> children, Set<String> wanting, Fairness fairness,
            ToDoubleFunction<String> weight, List<String> order) {
        List<Fairness.Client<String>> clients = new ArrayList<>();
        if (parent != null && wanting.contains(parent)) {
            // The role's own frameworks, as a leaf beside its children.
            clients.add(new Fairness.Client<>(null, parent, own(parent), weight.applyAsDouble(parent)));
        }
        for (String child : children.getOrDefault(parent == null ? "" : parent, List.of())) {
            clients.add(new Fairness.Client<>(child, child, subtree(child), weight.applyAsDouble(child)));
        }
        for (String next : fairness.order(clients)) {
            if (next == null) {
                order.add(parent);
            } else {
                visit(next, children, wanting, fairness, weight, order);
            }
        }
    }
}
