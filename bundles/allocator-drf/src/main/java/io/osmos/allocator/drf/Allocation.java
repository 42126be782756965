package io.osmos.allocator.drf;

import java.util.HashMap;
import java.util.Map;

import io.osmos.api.resources.Resources;

/**
 * What a sorter client (a role, a role's subtree, or a framework within a role) holds: scalar
 * quantities in thousandths, and how many times it has been allocated to. The count only grows,
 * as in Mesos: it breaks ties in favour of clients that were allocated to less often.
 */
final class Allocation {

    private final Map<String, Long> millis = new HashMap<>();
    private long count;

    void add(Resources resources) {
        change(resources, 1);
        count++;
    }

    void subtract(Resources resources) {
        change(resources, -1);
    }

    private void change(Resources resources, int sign) {
        resources.scalars().forEach((name, amount) -> {
            long left = millis.getOrDefault(name, 0L) + sign * toMillis(amount);
            if (left > 0) {
                millis.put(name, left);
            } else {
                millis.remove(name);
            }
        });
    }

    long millis(String name) {
        return millis.getOrDefault(name, 0L);
    }

    long count() {
        return count;
    }

    boolean isEmpty() {
        return millis.isEmpty();
    }

    static long toMillis(double amount) {
        return Math.round(amount * 1000);
    }

    static double fromMillis(long millis) {
        return millis / 1000.0;
    }
}
