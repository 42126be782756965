package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.osmos.api.resources.Resources;

/**
 * Mesos' {@code min_allocatable_resources}: alternatives separated by {@code |}, each a set of
 * quantities that must all be present ({@code cpus:0.01|mem:32}). Nothing smaller is offered.
 */
final class MinimumOffer {

    private final List<Map<String, Double>> alternatives = new ArrayList<>();

    MinimumOffer(String text) {
        for (String alternative : text.split("\\|")) {
            if (!alternative.isBlank()) {
                alternatives.add(Resources.parse(alternative).scalars());
            }
        }
    }

    boolean allows(Resources candidate) {
        if (candidate.isEmpty()) {
            return false;
        }
        if (alternatives.isEmpty()) {
            return true;
        }
        Map<String, Double> have = candidate.scalars();
        return alternatives.stream().anyMatch(needed -> needed.entrySet().stream()
                .allMatch(e -> have.getOrDefault(e.getKey(), 0.0) >= e.getValue() - 1e-9));
    }
}
