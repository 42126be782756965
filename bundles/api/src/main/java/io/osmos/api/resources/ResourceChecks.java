package io.osmos.api.resources;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.Volume;

/**
 * Mesos' checks on the resources of an offer operation, with its messages: one resource on its
 * own ({@code Resources::validate}), then the master's {@code resource::validate} (DiskInfo,
 * ReservationInfo) and {@code validatePersistentVolume}. Each gives the first problem found.
 */
final class ResourceChecks {

    /** Linux' NAME_MAX: a persistence id names a directory. */
    private static final int MAX_ID_LENGTH = 255;

    private ResourceChecks() {
    }

    /** The master's {@code resource::validate}: each resource valid, then DiskInfo, then ReservationInfo. */
    static Optional<String> resources(List<Resource> resources) {
        for (Resource resource : resources) {
            Optional<String> problem = resource(resource);
            if (problem.isPresent()) {
                return Optional.of("Resource '" + describe(resource) + "' is invalid: " + problem.get());
            }
        }
        for (Resource resource : resources) {
            Optional<String> problem = diskInfo(resource);
            if (problem.isPresent()) {
                return Optional.of("Invalid DiskInfo: " + problem.get());
            }
        }
        for (Resource resource : resources) {
            if (Reservations.isDynamicallyReserved(resource) && resource.hasRevocable()) {
                return Optional.of("Invalid ReservationInfo: Dynamically reserved resource " + describe(resource)
                        + " cannot be created from revocable resources");
            }
        }
        return Optional.empty();
    }

    /** One resource on its own: value, DiskInfo placement, reservation stack, sharing. */
    static Optional<String> resource(Resource resource) {
        if (resource.getName().isEmpty()) {
            return Optional.of("Empty resource name");
        }
        Optional<String> value = value(resource);
        if (value.isPresent()) {
            return value;
        }
        if (resource.hasDisk() && !resource.getName().equals("disk")) {
            return Optional.of("DiskInfo should not be set for " + resource.getName() + " resource");
        }
        if (resource.getDisk().hasSource()
                && resource.getDisk().getSource().getType() == Resource.DiskInfo.Source.Type.UNKNOWN) {
            return Optional.of("Unsupported 'DiskInfo.Source.Type'");
        }
        Optional<String> reservations = reservations(resource);
        if (reservations.isPresent()) {
            return reservations;
        }
        if (resource.hasShared()) {
            if (!resource.getName().equals("disk")) {
                return Optional.of("Resource " + resource.getName() + " cannot be shared");
            }
            if (!Reservations.isPersistentVolume(resource)) {
                return Optional.of("Only persistent volumes can be shared");
            }
        }
        return Optional.empty();
    }

    /**
     * The reservation stack: every entry typed and for a valid role other than {@code *}; every
     * refinement DYNAMIC and for a strict descendant of the role below it.
     */
    static Optional<String> reservations(Resource resource) {
        for (ReservationInfo reservation : resource.getReservationsList()) {
            if (!reservation.hasType()) {
                return Optional.of("Invalid reservation: 'Resource.ReservationInfo.type' field must be set.");
            }
            if (reservation.getType() == ReservationInfo.Type.UNKNOWN) {
                return Optional.of("Unsupported 'Resource.ReservationInfo.Type'");
            }
            if (!reservation.hasRole()) {
                return Optional.of("Invalid reservation: 'Resource.ReservationInfo.role' field must be set.");
            }
            Optional<String> role = Roles.problem(reservation.getRole());
            if (role.isPresent()) {
                return role;
            }
            if (reservation.getRole().equals(Roles.ANY)) {
                return Optional.of("Invalid reservation: role \"*\" cannot be reserved");
            }
        }
        for (int i = 1; i < resource.getReservationsCount(); i++) {
            ReservationInfo refined = resource.getReservations(i);
            String ancestor = resource.getReservations(i - 1).getRole();
            if (refined.getType() == ReservationInfo.Type.STATIC) {
                return Optional.of("Invalid refined reservation: A refined reservation cannot be STATIC");
            }
            if (!Roles.isStrictAncestor(ancestor, refined.getRole())) {
                return Optional.of("Invalid refined reservation: role '" + refined.getRole() + "'"
                        + " is not a refinement of '" + ancestor + "'");
            }
        }
        return Optional.empty();
    }

    /** Mesos' {@code validatePersistentVolume}: each one a persistent volume Mesos can mount. */
    static Optional<String> persistentVolumes(List<Resource> volumes) {
        for (Resource volume : volumes) {
            if (!volume.hasDisk()) {
                return Optional.of("Resource " + describe(volume) + " does not have DiskInfo");
            }
            if (!volume.getDisk().hasPersistence()) {
                return Optional.of("'persistence' is not set in DiskInfo");
            }
            if (!volume.getDisk().hasVolume()) {
                return Optional.of("Expecting 'volume' to be set for persistent volume");
            }
            if (volume.getDisk().getVolume().getMode() == Volume.Mode.RO) {
                return Optional.of("Read-only persistent volume not supported");
            }
        }
        return Optional.empty();
    }

    /** Mesos' {@code validateUniquePersistenceID}: persistence ids are unique per role on an agent. */
    static Optional<String> uniquePersistenceIds(List<Resource> resources) {
        Set<List<String>> seen = new HashSet<>();
        for (Resource resource : resources) {
            if (Reservations.isPersistentVolume(resource)) {
                String id = resource.getDisk().getPersistence().getId();
                if (!seen.add(List.of(Resources.reservationRole(resource), id))) {
                    return Optional.of("Persistence ID '" + id + "' is not unique");
                }
            }
        }
        return Optional.empty();
    }

    /** For messages: the agent notation, with a persistent volume's {@code [id:container_path]}. */
    static String describe(Resource resource) {
        String text = ResourceText.format(resource);
        if (!Reservations.isPersistentVolume(resource)) {
            return text;
        }
        int colon = text.indexOf(':');
        return text.substring(0, colon) + "[" + resource.getDisk().getPersistence().getId() + ":"
                + resource.getDisk().getVolume().getContainerPath() + "]" + text.substring(colon);
    }

    static String describe(Iterable<Resource> resources) {
        StringJoiner out = new StringJoiner(";");
        resources.forEach(r -> out.add(describe(r)));
        return out.toString();
    }

    private static Optional<String> diskInfo(Resource resource) {
        if (!resource.hasDisk()) {
            return Optional.empty();
        }
        Resource.DiskInfo disk = resource.getDisk();
        if (disk.hasPersistence()) {
            if (resource.hasRevocable()) {
                return Optional.of("Persistent volumes cannot be created from revocable resources");
            }
            if (!Reservations.isReserved(resource)) {
                return Optional.of("Persistent volumes cannot be created from unreserved resources");
            }
            if (!disk.hasVolume()) {
                return Optional.of("Expecting 'volume' to be set for persistent volume");
            }
            if (disk.getVolume().hasHostPath()) {
                return Optional.of("Expecting 'host_path' to be unset for persistent volume");
            }
            return persistenceId(disk.getPersistence().getId())
                    .map(problem -> "Invalid persistence ID for persistent volume: " + problem);
        }
        if (disk.hasVolume()) {
            return Optional.of("Non-persistent volume not supported");
        }
        if (!disk.hasSource()) {
            return Optional.of("DiskInfo is set but empty");
        }
        return Optional.empty();
    }

    /** Mesos' {@code common::validation::validateID}: the id names a directory. */
    private static Optional<String> persistenceId(String id) {
        if (id.isEmpty()) {
            return Optional.of("ID must not be empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.of("ID must not be greater than " + MAX_ID_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of("'" + id + "' is disallowed");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\') {
                return Optional.of("'" + id + "' contains invalid characters");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(Resource resource) {
        return switch (resource.getType()) {
            case SCALAR -> {
                if (!resource.hasScalar() || resource.hasRanges() || resource.hasSet()) {
                    yield Optional.of("Invalid scalar resource");
                }
                double scalar = resource.getScalar().getValue();
                yield scalar != 0 && (Double.isNaN(scalar) || Values.toMillis(scalar) <= 0)
                        ? Optional.of("Invalid scalar resource: value <= 0") : Optional.empty();
            }
            case RANGES -> {
                if (resource.hasScalar() || !resource.hasRanges() || resource.hasSet()) {
                    yield Optional.of("Invalid ranges resource");
                }
                yield ranges(resource.getRanges());
            }
            case SET -> {
                if (resource.hasScalar() || resource.hasRanges() || !resource.hasSet()) {
                    yield Optional.of("Invalid set resource");
                }
                List<String> items = resource.getSet().getItemList();
                yield Set.copyOf(items).size() != items.size()
                        ? Optional.of("Invalid set resource: duplicated elements") : Optional.empty();
            }
            default -> Optional.of("Unsupported resource type");
        };
    }

    private static Optional<String> ranges(Value.Ranges ranges) {
        List<Value.Range> list = ranges.getRangeList();
        for (int i = 0; i < list.size(); i++) {
            Value.Range range = list.get(i);
            if (range.getBegin() > range.getEnd()) {
                return Optional.of("Invalid ranges resource: begin > end");
            }
            for (int j = i + 1; j < list.size(); j++) {
                Value.Range other = list.get(j);
                if (range.getBegin() <= other.getEnd() && other.getBegin() <= range.getEnd()) {
                    return Optional.of("Invalid ranges resource: overlapping ranges");
                }
            }
        }
        return Optional.empty();
    }
}
