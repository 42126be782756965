package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;

/**
 * Mesos' reservation refinement: a resource's {@code reservations} are a stack, the first one the
 * coarsest (possibly STATIC, from the agent's flags), the last one the most refined and the one
 * that counts ({@link Resources#reservationRole}). Each refinement is DYNAMIC and for a strict
 * descendant of the role below it: {@code [a, a/b, a/b/c]}.
 *
 * <p>Also the predicates on single resources that offer operations need: reserved, dynamically
 * reserved, persistent volume.
 */
public final class Reservations {

    private Reservations() {
    }

    public static boolean isReserved(Resource resource) {
        return resource.getReservationsCount() > 0;
    }

    /** Reserved, with its last (most refined) reservation DYNAMIC: what UNRESERVE may take away. */
    public static boolean isDynamicallyReserved(Resource resource) {
        int count = resource.getReservationsCount();
        return count > 0 && resource.getReservations(count - 1).getType() == ReservationInfo.Type.DYNAMIC;
    }

    /** More than one reservation: a refinement of a coarser one. */
    public static boolean hasRefinedReservations(Resource resource) {
        return resource.getReservationsCount() > 1;
    }

    /** A disk resource carrying a persistent volume: {@code disk.persistence} is set. */
    public static boolean isPersistentVolume(Resource resource) {
        return resource.hasDisk() && resource.getDisk().hasPersistence();
    }

    /**
     * The disk a persistent volume lives on: without {@code persistence} and {@code volume} (and
     * without {@code disk} at all for the agent's root disk, which has no {@code disk.source}), and
     * not shared, since only volumes can be. What CREATE consumes and DESTROY gives back.
     */
    public static Resource withoutVolume(Resource resource) {
        Resource.Builder plain = resource.toBuilder().clearShared();
        if (resource.getDisk().hasSource()) {
            plain.getDiskBuilder().clearPersistence().clearVolume();
        } else {
            plain.clearDisk();
        }
        return plain.build();
    }

    /**
     * The resource with {@code reservation} on top of its stack.
     *
     * @throws IllegalArgumentException if the stack would be invalid: the reservation is not for a
     *     valid role other than {@code *}, or a refinement is STATIC or not for a descendant role
     */
    public static Resource push(Resource resource, ReservationInfo reservation) {
        Resource pushed = resource.toBuilder().addReservations(reservation).build();
        ResourceChecks.reservations(pushed).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return pushed;
    }

    /**
     * The resource without its last reservation.
     *
     * @throws IllegalArgumentException if it is not reserved
     */
    public static Resource pop(Resource resource) {
        int count = resource.getReservationsCount();
        if (count == 0) {
            throw new IllegalArgumentException("Resource " + ResourceChecks.describe(resource) + " is not reserved");
        }
        return resource.toBuilder().removeReservations(count - 1).build();
    }

    /** The resource without any reservation, nor the pre-refinement {@code role}/{@code reservation} fields. */
    public static Resource toUnreserved(Resource resource) {
        if (resource.getReservationsCount() == 0 && !resource.hasRole() && !resource.hasReservation()) {
            return resource;
        }
        return resource.toBuilder().clearReservations().clearRole().clearReservation().build();
    }

    /** @see #push(Resource, ReservationInfo) */
    public static Resources push(Resources resources, ReservationInfo reservation) {
        return map(resources, r -> push(r, reservation));
    }

    /** @see #pop(Resource) */
    public static Resources pop(Resources resources) {
        return map(resources, Reservations::pop);
    }

    public static Resources toUnreserved(Resources resources) {
        return map(resources, Reservations::toUnreserved);
    }

    /**
     * {@code first} with only the reservations it shares with {@code second} from the bottom of
     * the stack up: the deepest reservation state both can be reached from by popping.
     */
    public static Resource ancestor(Resource first, Resource second) {
        Resource.Builder ancestor = first.toBuilder().clearReservations();
        int common = Math.min(first.getReservationsCount(), second.getReservationsCount());
        for (int i = 0; i < common && first.getReservations(i).equals(second.getReservations(i)); i++) {
            ancestor.addReservations(first.getReservations(i));
        }
        return ancestor.build();
    }

    /**
     * Mesos' {@code Resources::getReservationAncestor}: the unreserved {@code first} with the
     * reservations the first resources of both have in common. Made for the operands of a
     * RESERVE with {@code source}, where every resource of one side has the same stack.
     *
     * @throws IllegalArgumentException unless both are non-empty and equal once unreserved
     */
    public static Resources ancestor(Resources first, Resources second) {
        if (first.isEmpty() || second.isEmpty()) {
            throw new IllegalArgumentException("Reservation ancestor of empty resources");
        }
        Resources unreserved = toUnreserved(first);
        if (!unreserved.equals(toUnreserved(second))) {
            throw new IllegalArgumentException("Reservation ancestor of different resources: "
                    + ResourceChecks.describe(first) + " vs. " + ResourceChecks.describe(second));
        }
        Resource common = ancestor(first.toList().get(0), second.toList().get(0));
        return map(unreserved, r -> r.toBuilder().addAllReservations(common.getReservationsList()).build());
    }

    /**
     * The resource in the post-refinement format Osmos uses: the deprecated {@code role} and
     * {@code reservation} fields (Mesos' pre-1.4 format, still accepted on the wire) become one
     * {@code reservations} entry, STATIC without {@code reservation} and DYNAMIC with it; a
     * resource that already has {@code reservations} just loses the deprecated fields. Mesos'
     * {@code convertResourceFormat(POST_RESERVATION_REFINEMENT)}.
     *
     * @throws IllegalArgumentException for {@code role: "*"} with a {@code reservation}
     */
    public static Resource upgrade(Resource resource) {
        if (!resource.hasRole() && !resource.hasReservation()) {
            return resource;
        }
        Resource.Builder upgraded = resource.toBuilder().clearRole().clearReservation();
        if (resource.getReservationsCount() > 0) {
            return upgraded.build();
        }
        String role = resource.getRole();
        if (role.equals(Roles.ANY)) {
            if (resource.hasReservation()) {
                throw new IllegalArgumentException("Invalid reservation: role \"*\" cannot be dynamically reserved");
            }
            return upgraded.build();
        }
        ReservationInfo.Builder reservation = resource.hasReservation()
                ? resource.getReservation().toBuilder().setType(ReservationInfo.Type.DYNAMIC)
                : ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC);
        return upgraded.addReservations(reservation.setRole(role)).build();
    }

    private static Resources map(Resources resources, UnaryOperator<Resource> change) {
        List<Resource> changed = new ArrayList<>(resources.toList().size());
        for (Resource resource : resources) {
            changed.add(change.apply(resource));
        }
        return Resources.of(changed);
    }
}
