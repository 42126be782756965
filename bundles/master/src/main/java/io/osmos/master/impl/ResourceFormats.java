package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.List;

import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;

/**
 * Mesos' {@code convertResourceFormat}: the master keeps resources in the post-refinement format
 * ({@code reservations}, a stack); frameworks without RESERVATION_REFINEMENT are offered them in the
 * pre-refinement format ({@code role}, and {@code reservation} for a dynamic one), and the HTTP
 * endpoints write both ("endpoint" format). Unreserved resources get {@code role: "*"} in both.
 * A resource with refined reservations keeps only its stack (frameworks that cannot read it are
 * never offered one).
 */
final class ResourceFormats {

    private ResourceFormats() {
    }

    /** The offer as Mesos sends it to a framework without RESERVATION_REFINEMENT. */
    static Offer preRefinement(Offer offer) {
        return offer.toBuilder().clearResources().addAllResources(convert(offer.getResourcesList(), false)).build();
    }

    /** The endpoint format of Mesos' state: {@code role}/{@code reservation} next to {@code reservations}. */
    static List<Resource> endpoint(Iterable<Resource> resources) {
        return convert(resources, true);
    }

    static Resource convert(Resource resource, boolean keepStack) {
        if (resource.hasRole() || resource.hasReservation()) {
            return resource;
        }
        switch (resource.getReservationsCount()) {
            case 0 -> {
                return resource.toBuilder().setRole("*").build();
            }
            case 1 -> {
                ReservationInfo reservation = resource.getReservations(0);
                Resource.Builder converted = resource.toBuilder().setRole(reservation.getRole());
                if (reservation.getType() == ReservationInfo.Type.DYNAMIC) {
                    Resource.ReservationInfo.Builder old = converted.getReservationBuilder();
                    if (reservation.hasPrincipal()) {
                        old.setPrincipal(reservation.getPrincipal());
                    }
                    if (reservation.hasLabels()) {
                        old.setLabels(reservation.getLabels());
                    }
                }
                if (!keepStack) {
                    converted.clearReservations();
                }
                return converted.build();
            }
            default -> {
                return resource;
            }
        }
    }

    private static List<Resource> convert(Iterable<Resource> resources, boolean keepStack) {
        List<Resource> converted = new ArrayList<>();
        for (Resource resource : resources) {
            converted.add(convert(resource, keepStack));
        }
        return converted;
    }
}
