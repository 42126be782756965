package io.osmos.master.impl;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.osmos.api.resources.Reservations;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;

/**
 * Mesos' checks of an operation that need the master's knowledge, on top of those of
 * {@link io.osmos.api.resources.Operations}: who may reserve what ({@code validate(Reserve)} for
 * the operator API and for frameworks), the agent's capabilities, and volumes in use. Each gives
 * Mesos' message, or null when the operation passes. Principals are not checked: Osmos does not
 * authenticate yet.
 */
final class OperationChecks {

    static final String VOLUMES_IN_USE = "Persistent volumes in use";

    private OperationChecks() {
    }

    /** Operators reserve unallocated resources only. */
    static String operatorReserve(Offer.Operation operation) {
        for (Resource resource : operation.getReserve().getResourcesList()) {
            if (resource.hasAllocationInfo()) {
                return "A reserve operation was attempted with an allocated resource, but the operator API only"
                        + " allows reservations to be made to unallocated resources";
            }
        }
        return null;
    }

    /** A framework reserves resources allocated to one of its roles, for that same role. */
    static String frameworkReserve(Offer.Operation operation, FrameworkRecord framework) {
        Set<String> roles = framework.roles();
        for (Resource resource : operation.getReserve().getResourcesList()) {
            String reservationRole = Resources.reservationRole(resource);
            if (!resource.getAllocationInfo().hasRole()) {
                return "A reserve operation was attempted on unallocated resource " + describe(resource)
                        + ", but frameworks can only perform reservations on allocated resources";
            }
            String allocationRole = resource.getAllocationInfo().getRole();
            if (!allocationRole.equals(reservationRole)) {
                return "A reserve operation was attempted for a resource with role '" + reservationRole
                        + "', but the resource was allocated to role '" + allocationRole + "'";
            }
            if (!roles.contains(allocationRole)) {
                return "A reserve operation was attempted for a resource allocated to role '" + allocationRole
                        + "', but the framework only has roles '" + describe(roles) + "'";
            }
        }
        return null;
    }

    /** Hierarchical roles, refinements and resizes only on agents that said they handle them. */
    static String agentCapabilities(Offer.Operation operation, AgentRecord agent) {
        return switch (operation.getType()) {
            case RESERVE -> reservations(operation.getReserve().getResourcesList(), agent, "Resource", "reserved");
            case CREATE -> reservations(operation.getCreate().getVolumesList(), agent, "Volume", "created");
            case GROW_VOLUME -> agent.has(AgentInfo.Capability.Type.RESIZE_VOLUME) ? null
                    : "Volume " + describe(operation.getGrowVolume().getVolume())
                            + " cannot be grown on an agent without RESIZE_VOLUME capability";
            case SHRINK_VOLUME -> agent.has(AgentInfo.Capability.Type.RESIZE_VOLUME) ? null
                    : "Volume " + describe(operation.getShrinkVolume().getVolume())
                            + " cannot be shrunk on an agent without RESIZE_VOLUME capability";
            default -> null;
        };
    }

    /** DESTROY: none of the volumes is used by a task ({@code used}: what tasks use, without allocation_info). */
    static String notInUse(Offer.Operation operation, Supplier<Resources> inUse) {
        if (operation.getType() != Offer.Operation.Type.DESTROY) {
            return null;
        }
        Resources used = inUse.get();
        for (Resource volume : operation.getDestroy().getVolumesList()) {
            if (used.contains(Resources.of(volume).withoutAllocationInfo())) {
                return VOLUMES_IN_USE;
            }
        }
        return null;
    }

    private static String reservations(List<Resource> resources, AgentRecord agent, String what, String done) {
        for (Resource resource : resources) {
            String role = Resources.reservationRole(resource);
            if (role.contains("/") && !agent.has(AgentInfo.Capability.Type.HIERARCHICAL_ROLE)) {
                return what + " " + describe(resource) + " with reservation for hierarchical role '" + role
                        + "' cannot be " + done + " on an agent without HIERARCHICAL_ROLE capability";
            }
            if (Reservations.hasRefinedReservations(resource)
                    && !agent.has(AgentInfo.Capability.Type.RESERVATION_REFINEMENT)) {
                return what + " " + describe(resource) + " with reservation refinement cannot be " + done
                        + " on an agent without RESERVATION_REFINEMENT capability";
            }
        }
        return null;
    }

    static String describe(Resource resource) {
        return Resources.of(resource).toString();
    }

    /** Mesos' {@code stringify(hashset)}: {@code { a, b }}. */
    private static String describe(Set<String> roles) {
        return "{ " + String.join(", ", new TreeSet<>(roles)) + " }";
    }
}
