package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dominant resource fairness over one cluster total: a client's share is the largest fraction it
 * holds of any fairly shared resource, divided by its weight. Resources excluded from fair
 * sharing (e.g. gpus) and resources the cluster has none of do not count.
 */
final class Fairness {

    /** One client to order: its name, what it holds and its weight. */
    record Client<T>(T item, String name, Allocation allocation, double weight) {
    }

    private final Map<String, Long> totals;

    Fairness(Map<String, Long> totals, Set<String> excluded) {
        Map<String, Long> counted = new HashMap<>();
        totals.forEach((name, amount) -> {
            if (amount > 0 && !excluded.contains(name)) {
                counted.put(name, amount);
            }
        });
        this.totals = counted;
    }

    double share(Allocation allocation, double weight) {
        double dominant = 0;
        for (Map.Entry<String, Long> total : totals.entrySet()) {
            dominant = Math.max(dominant, (double) allocation.millis(total.getKey()) / total.getValue());
        }
        return dominant / weight;
    }

    /** Lowest share first; then fewer allocations; then by name. */
    <T> List<T> order(Collection<Client<T>> clients) {
        record Ranked<T>(T item, double share, long count, String name) {
        }
        List<Ranked<T>> ranked = new ArrayList<>(clients.size());
        for (Client<T> client : clients) {
            ranked.add(new Ranked<>(client.item(), share(client.allocation(), client.weight()),
                    client.allocation().count(), client.name()));
        }
        ranked.sort(Comparator.<Ranked<T>>comparingDouble(Ranked::share).thenComparingLong(Ranked::count)
                .thenComparing(Ranked::name));
        List<T> order = new ArrayList<>(ranked.size());
        ranked.forEach(r -> order.add(r.item()));
        return order;
    }
}
