package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * An immutable bag of {@code mesos.v1.Resource}s in normal form: resources identical except for
 * their value (same name, type, reservations, allocation, disk, revocable, shared, provider) are
 * merged (scalars added, ranges united and coalesced, sets united) and empty ones dropped. Scalars
 * are fixed point with three decimals, as in Mesos, so {@code 0.1 + 0.2} is exactly {@code 0.3}.
 * Equality is value equality and ignores order.
 *
 * <p>Shared resources are merged like any other; Mesos' counting of shared copies is not modelled.
 */
public final class Resources implements Iterable<Resource> {

    public static final Resources EMPTY = new Resources(Map.of());

    /** Normal resources by their identity (the resource without its value), in first-seen order. */
    private final Map<Resource, Resource> entries;
    private final List<Resource> list;

    private Resources(Map<Resource, Resource> entries) {
        this.entries = entries;
        this.list = List.copyOf(entries.values());
    }

    public static Resources of(Iterable<Resource> resources) {
        if (resources instanceof Resources already) {
            return already;
        }
        Map<Resource, Resource> merged = new LinkedHashMap<>();
        for (Resource resource : resources) {
            add(merged, resource);
        }
        return wrap(merged);
    }

    public static Resources of(Resource... resources) {
        return of(Arrays.asList(resources));
    }

    /**
     * Reads the Mesos agent notation, e.g. {@code cpus:4;mem(ops):1024;ports:[31000-32000];zones:{a,b}}:
     * a role in parentheses makes a static reservation, {@code *} or none leaves it unreserved.
     *
     * @throws IllegalArgumentException starting with {@code Bad resource '<entry>'}
     */
    public static Resources parse(String text) {
        return of(ResourceText.parse(text));
    }

    public List<Resource> toList() {
        return list;
    }

    @Override
    public Iterator<Resource> iterator() {
        return list.iterator();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Resources plus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<Resource, Resource> merged = new LinkedHashMap<>(entries);
        other.entries.forEach((key, resource) -> merged.merge(key, resource, Values::add));
        return wrap(merged);
    }

    public Resources plus(Resource resource) {
        return plus(of(resource));
    }

    /** What is left after taking away whatever of {@code other} is here; never below nothing. */
    public Resources minus(Resources other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        Map<Resource, Resource> left = new LinkedHashMap<>(entries);
        other.entries.forEach((key, taken) -> {
            Resource mine = left.get(key);
            if (mine != null) {
                Resource rest = Values.subtract(mine, taken);
                if (Values.isEmpty(rest)) {
                    left.remove(key);
                } else {
                    left.put(key, rest);
                }
            }
        });
        return wrap(left);
    }

    /**
     * Whether every resource of {@code other} is here in at least that quantity (scalars), or as a
     * superset (ranges, sets), with the same identity (reservations, allocation and so on).
     */
    public boolean contains(Resources other) {
        for (Map.Entry<Resource, Resource> entry : other.entries.entrySet()) {
            Resource mine = entries.get(entry.getKey());
            if (mine == null || !Values.contains(mine, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The total of the scalar resources with this name, whatever their reservations or allocation. */
    public double scalar(String name) {
        long millis = 0;
        for (Resource resource : list) {
            if (resource.getName().equals(name) && resource.getType() == Value.Type.SCALAR) {
                millis += Values.toMillis(resource.getScalar().getValue());
            }
        }
        return Values.fromMillis(millis);
    }

    /** Scalar totals by name, sorted by name. */
    public Map<String, Double> scalars() {
        Map<String, Long> millis = new TreeMap<>();
        for (Resource resource : list) {
            if (resource.getType() == Value.Type.SCALAR) {
                millis.merge(resource.getName(), Values.toMillis(resource.getScalar().getValue()), Long::sum);
            }
        }
        Map<String, Double> totals = new TreeMap<>();
        millis.forEach((name, amount) -> totals.put(name, Values.fromMillis(amount)));
        return Collections.unmodifiableMap(totals);
    }

    public Resources filter(Predicate<Resource> which) {
        Map<Resource, Resource> kept = new LinkedHashMap<>();
        entries.forEach((key, resource) -> {
            if (which.test(resource)) {
                kept.put(key, resource);
            }
        });
        return kept.size() == entries.size() ? this : wrap(kept);
    }

    public Resources unreserved() {
        return filter(r -> r.getReservationsCount() == 0);
    }

    public Resources reserved() {
        return filter(r -> r.getReservationsCount() > 0);
    }

    /**
     * The same resources, each with {@code reservation} on top of its stack.
     *
     * @throws IllegalArgumentException if that makes an invalid stack; see {@link Reservations#push}
     */
    public Resources pushReservation(Resource.ReservationInfo reservation) {
        return Reservations.push(this, reservation);
    }

    /** @throws IllegalArgumentException if one of them is unreserved; see {@link Reservations#pop} */
    public Resources popReservation() {
        return Reservations.pop(this);
    }

    /** The same resources with no reservations at all. */
    public Resources toUnreserved() {
        return Reservations.toUnreserved(this);
    }

    /** The disk resources that carry a persistent volume. */
    public Resources persistentVolumes() {
        return filter(Reservations::isPersistentVolume);
    }

    /** Resources whose reservation (the last, most refined one) is for exactly this role. */
    public Resources reservedTo(String role) {
        return filter(r -> r.getReservationsCount() > 0 && reservationRole(r).equals(role));
    }

    /**
     * What a framework in {@code role} may be offered: unreserved resources, and those reserved to
     * the role or to one of its ancestors ({@code a/b} may use what is reserved to {@code a}).
     */
    public Resources allocatableTo(String role) {
        return filter(r -> r.getReservationsCount() == 0 || Roles.isAncestorOrSelf(reservationRole(r), role));
    }

    /** The same resources, each with {@code allocation_info.role} set to {@code role}. */
    public Resources allocatedTo(String role) {
        if (list.stream().allMatch(r -> r.hasAllocationInfo() && r.getAllocationInfo().getRole().equals(role))) {
            return this;
        }
        Resource.AllocationInfo allocation = Resource.AllocationInfo.newBuilder().setRole(role).build();
        return map(r -> r.getAllocationInfo().equals(allocation) ? r : r.toBuilder().setAllocationInfo(allocation).build());
    }

    public Resources withoutAllocationInfo() {
        return map(r -> r.hasAllocationInfo() ? r.toBuilder().clearAllocationInfo().build() : r);
    }

    /** Only the resources with one of these names. */
    public Resources names(Set<String> names) {
        return filter(r -> names.contains(r.getName()));
    }

    /** The role a resource is reserved to: that of its last (most refined) reservation; {@code *} if unreserved. */
    public static String reservationRole(Resource resource) {
        int count = resource.getReservationsCount();
        return count == 0 ? Roles.ANY : resource.getReservations(count - 1).getRole();
    }

    private Resources map(UnaryOperator<Resource> change) {
        List<Resource> changed = new ArrayList<>(list.size());
        boolean same = true;
        for (Resource resource : list) {
            Resource after = change.apply(resource);
            same &= after == resource;
            changed.add(after);
        }
        return same ? this : of(changed);
    }

    private static void add(Map<Resource, Resource> merged, Resource resource) {
        Resource normal = Values.normalize(resource);
        if (!Values.isEmpty(normal)) {
            merged.merge(Values.identity(normal), normal, Values::add);
        }
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

    /** The Mesos notation {@link #parse} reads; reservations show as their role, other details are left out. */
    @Override
    public String toString() {
        return ResourceText.format(list);
    }
}
