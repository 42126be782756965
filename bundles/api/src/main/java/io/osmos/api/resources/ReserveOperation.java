package io.osmos.api.resources;

import static io.osmos.api.resources.Operations.check;
import static io.osmos.api.resources.Operations.validate;

import java.util.List;

import io.osmos.api.resources.Operations.Conversion;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;

/**
 * RESERVE. Without {@code source}, each resource pushes one DYNAMIC reservation onto what the
 * agent has: it consumes the resource with its last reservation popped, so {@code [a, a/b]}
 * refines a reservation for {@code a}. With {@code source} (Mesos 1.10's reservation update,
 * MESOS-9981) it turns {@code source} into {@code resources}, which must be the same resources
 * (persistent volumes included, DiskInfo and all) with another reservation stack, the same for
 * every resource on each side: that is how a volume moves between roles without being destroyed.
 *
 * <p>Beyond Mesos, an update may not pop a STATIC reservation: UNRESERVE cannot either.
 */
final class ReserveOperation {

    private ReserveOperation() {
    }

    static Conversion convert(List<Resource> target, List<Resource> source) {
        validate("Invalid resources: ", ResourceChecks.resources(target));
        validate("Invalid source: ", ResourceChecks.resources(source));
        if (!source.isEmpty()) {
            sameReservations("Invalid source: ", source);
        }
        check(!Resources.of(target).isEmpty(), "Invalid resources: Resource cannot be empty");
        if (!source.isEmpty()) {
            sameReservations("Invalid resources: ", target);
            Resources from = Reservations.toUnreserved(Resources.of(source));
            Resources to = Reservations.toUnreserved(Resources.of(target));
            check(from.equals(to), "Source and target resources should refer to identical resource quantities: "
                    + ResourceChecks.describe(from) + " vs. " + ResourceChecks.describe(to));
        }
        for (Resource resource : target) {
            check(Reservations.isDynamicallyReserved(resource),
                    "Resource " + ResourceChecks.describe(resource) + " is not dynamically reserved");
        }
        if (source.isEmpty()) {
            Resources converted = Resources.of(target);
            return new Conversion(Reservations.pop(converted), converted);
        }
        Resource kept = Reservations.ancestor(source.get(0), target.get(0));
        for (int i = kept.getReservationsCount(); i < source.get(0).getReservationsCount(); i++) {
            check(source.get(0).getReservations(i).getType() != ReservationInfo.Type.STATIC,
                    "Invalid source: STATIC reservations cannot be removed: " + ResourceChecks.describe(source));
        }
        return new Conversion(Resources.of(source), Resources.of(target));
    }

    private static void sameReservations(String prefix, List<Resource> resources) {
        check(!Resources.of(resources).isEmpty(), prefix + "Resource cannot be empty");
        List<ReservationInfo> first = resources.get(0).getReservationsList();
        for (Resource resource : resources) {
            check(resource.getReservationsList().equals(first),
                    prefix + "Mixed reservations are not supported: " + ResourceChecks.describe(resources));
        }
    }
}
