package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.osmos.proto.v1.Resource;

/**
 * An immutable bag of {@code mesos.v1.Resource}s, kept normalized: entries that differ only in
 * their value (name, type, reservations, disk, allocation and so on all equal) are merged, and
 * empty entries dropped. Scalars use fixed point with three decimals, as Mesos does, so that
 * {@code 0.1 + 0.2} is exactly {@code 0.3}. Equality ignores order.
 */
public final class Resources implements Iterable<Resource> {

    public static final Resources EMPTY = new Resources(Map.of());

    /** Entries by identity (the resource without its value). */
    private final Map<Resource, Resource> entries;

    private Resources(Map<Resource, Resource> entries) {
        this.entries = entries;
    }

    public static Resources of(Iterable<Resource> resources) {
        Map<Resource, Resource> merged = new LinkedHashMap<>();
        for (Resource resource : resources) {
            add(merged, resource);
        }
        return wrap(merged);
    }

    public static Resources of(Resource... resources) {
        return of(List.of(resources));
    }

    /** Parses the Mesos notation, e.g. {@code cpus:4;mem(ops):1024;ports:[31000-32000]}. */
    public static Resources parse(String text) {
        return of(ResourceText.parse(text));
    }

    public List<Resource> toList() {
        return List.copyOf(entries.values());
    }

    @Override
    public Iterator<Resource> iterator() {
        return toList().iterator();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Resources plus(Resources other) {
        Map<Resource, Resource> merged = new LinkedHashMap<>(entries);
        for (Resource resource : other.entries.values()) {
            add(merged, resource);
        }
        return wrap(merged);
    }

    public Resources plus(Resource resource) {
        return plus(of(resource));
    }

    /** Takes away what of {@code other} is present here; never goes below nothing. */
    public Resources minus(Resources other) {
        Map<Resource, Resource> left = new LinkedHashMap<>(entries);
        for (Map.Entry<Resource, Resource> entry : other.entries.entrySet()) {
            Resource mine = left.get(entry.getKey());
            if (mine != null) {
                Resource rest = Values.subtract(mine, entry.getValue());
                if (Values.isEmpty(rest)) {
                    left.remove(entry.getKey());
                } else {
                    left.put(entry.getKey(), rest);
                }
            }
        }
        return wrap(left);
    }

    /** Whether every resource of {@code other} is here, in at least that quantity. */
    public boolean contains(Resources other) {
        for (Map.Entry<Resource, Resource> entry : other.entries.entrySet()) {
            Resource mine = entries.get(entry.getKey());
            if (mine == null || !Values.contains(mine, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The total of the scalar resources with this name, whatever their reservations. */
    public double scalar(String name) {
        double total = 0;
        for (Resource resource : entries.values()) {
            if (resource.getName().equals(name) && resource.hasScalar()) {
                total += resource.getScalar().getValue();
            }
        }
        return Values.round(total);
    }

    /** Scalar totals by name. */
    public Map<String, Double> scalars() {
        Map<String, Double> totals = new TreeMap<>();
        for (Resource resource : entries.values()) {
            if (resource.hasScalar()) {
                totals.merge(resource.getName(), resource.getScalar().getValue(), (a, b) -> Values.round(a + b));
            }
        }
        return totals;
    }

    public Resources filter(Predicate<Resource> which) {
        Map<Resource, Resource> kept = new LinkedHashMap<>();
        entries.forEach((key, resource) -> {
            if (which.test(resource)) {
                kept.put(key, resource);
            }
        });
        return wrap(kept);
    }

    public Resources unreserved() {
        return filter(r -> r.getReservationsCount() == 0);
    }

    public Resources reserved() {
        return filter(r -> r.getReservationsCount() > 0);
    }

    /** Resources whose (innermost) reservation is for exactly this role. */
    public Resources reservedTo(String role) {
        return filter(r -> r.getReservationsCount() > 0 && role.equals(lastRole(r)));
    }

    /** What a framework in {@code role} may be offered: unreserved, or reserved to it or an ancestor. */
    public Resources allocatableTo(String role) {
        return filter(r -> r.getReservationsCount() == 0 || Roles.isAncestorOrSelf(lastRole(r), role));
    }

    /** The same resources, each marked as allocated to {@code role}. */
    public Resources allocatedTo(String role) {
        List<Resource> marked = new ArrayList<>();
        for (Resource resource : entries.values()) {
            marked.add(resource.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build());
        }
        return of(marked);
    }

    public Resources withoutAllocationInfo() {
        List<Resource> plain = new ArrayList<>();
        for (Resource resource : entries.values()) {
            plain.add(resource.toBuilder().clearAllocationInfo().build());
        }
        return of(plain);
    }

    public Resources names(Set<String> names) {
        return filter(r -> names.contains(r.getName()));
    }

    private static String lastRole(Resource resource) {
        return resource.getReservations(resource.getReservationsCount() - 1).getRole();
    }

    private static void add(Map<Resource, Resource> merged, Resource resource) {
        Resource normal = Values.normalize(resource);
        if (Values.isEmpty(normal)) {
            return;
        }
        merged.merge(Values.identity(normal), normal, Values::add);
    }

    private static Resources wrap(Map<Resource, Resource> entries) {
        return entries.isEmpty() ? EMPTY : new Resources(Collections.unmodifiableMap(entries));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resources that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** The Mesos notation, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return ResourceText.format(entries.values());
    }
}
