package io.osmos.allocator.drf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.OfferFilters;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * Mesos' {@code min_allocatable_resources}: alternatives separated by {@code |}, each a set of
 * scalar quantities separated by {@code ;} that must all be present, e.g. {@code cpus:0.01|mem:32}.
 * Nothing smaller than every alternative is offered. No alternatives means no minimum.
 */
final class MinAllocatable {

    static final MinAllocatable NONE = new MinAllocatable(List.of());

    /** Each alternative: resource name → thousandths needed. */
    private final List<Map<String, Long>> alternatives;

    private MinAllocatable(List<Map<String, Long>> alternatives) {
        this.alternatives = alternatives;
    }

    /** @throws IllegalArgumentException on anything but scalar quantities */
    static MinAllocatable parse(String text) {
        List<Map<String, Long>> alternatives = new ArrayList<>();
        for (String alternative : text.split("\\|", -1)) {
            if (alternative.isBlank()) {
                if (text.isBlank()) {
                    break;
                }
                throw new IllegalArgumentException("Bad min_allocatable_resources '" + text + "': empty alternative");
            }
            Map<String, Long> needed = new HashMap<>();
            for (Resource resource : Resources.parse(alternative)) {
                if (resource.getType() != Value.Type.SCALAR || resource.getReservationsCount() > 0) {
                    throw new IllegalArgumentException("Bad min_allocatable_resources '" + text
                            + "': only unreserved scalar quantities, not '" + resource.getName() + "'");
                }
                needed.put(resource.getName(), Allocation.toMillis(resource.getScalar().getValue()));
            }
            alternatives.add(Map.copyOf(needed));
        }
        return new MinAllocatable(List.copyOf(alternatives));
    }

    static MinAllocatable of(OfferFilters.MinAllocatableResources proto) {
        List<Map<String, Long>> alternatives = new ArrayList<>();
        for (OfferFilters.ResourceQuantities quantities : proto.getQuantitiesList()) {
            Map<String, Long> needed = new HashMap<>();
            quantities.getQuantitiesMap().forEach((name, scalar) -> needed.put(name,
                    Allocation.toMillis(scalar.getValue())));
            alternatives.add(Map.copyOf(needed));
        }
        return new MinAllocatable(List.copyOf(alternatives));
    }

    /** The framework's own minimum for the role ({@code offer_filters}) replaces the global one. */
    MinAllocatable forFramework(FrameworkInfo info, String role) {
        OfferFilters filters = info.getOfferFiltersMap().get(role);
        return filters != null && filters.hasMinAllocatableResources() ? of(filters.getMinAllocatableResources())
                : this;
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner("|");
        for (Map<String, Long> needed : alternatives) {
            StringJoiner all = new StringJoiner(";");
            new TreeMap<>(needed).forEach((name, millis) ->
                    all.add(name + ":" + BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString()));
            text.add(all.toString());
        }
        return text.toString();
    }

    boolean allows(Resources candidate) {
        if (candidate.isEmpty()) {
            return false;
        }
        if (alternatives.isEmpty()) {
            return true;
        }
        Map<String, Double> have = candidate.scalars();
        for (Map<String, Long> needed : alternatives) {
            if (needed.entrySet().stream().allMatch(need ->
                    Allocation.toMillis(have.getOrDefault(need.getKey(), 0.0)) >= need.getValue())) {
                return true;
            }
        }
        return false;
    }
}
