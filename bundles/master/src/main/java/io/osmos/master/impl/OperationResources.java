package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.osmos.api.resources.Reservations;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;

/**
 * The resources inside a RESERVE, UNRESERVE, CREATE, DESTROY, GROW_VOLUME or SHRINK_VOLUME
 * operation, listed or rewritten one by one: upgraded to the post-refinement format, given the
 * allocation role of the offer they came from, or stripped of it for the agent.
 */
final class OperationResources {

    private OperationResources() {
    }

    /** Every resource the operation names, in its order (source before target for RESERVE). */
    static List<Resource> of(Offer.Operation operation) {
        List<Resource> all = new ArrayList<>();
        map(operation, resource -> {
            all.add(resource);
            return resource;
        });
        return all;
    }

    /**
     * Resources in the deprecated {@code role}/{@code reservation} format moved to {@code reservations},
     * as Mesos' {@code validateAndUpgradeResources} does; one that cannot be is left for
     * {@link io.osmos.api.resources.Operations} to refuse with its message.
     */
    static Offer.Operation upgraded(Offer.Operation operation) {
        return map(operation, resource -> {
            try {
                return Reservations.upgrade(resource);
            } catch (IllegalArgumentException e) {
                return resource;
            }
        });
    }

    /** Resources without {@code allocation_info} get the offer's role, as Mesos fills it in for frameworks. */
    static Offer.Operation allocatedTo(Offer.Operation operation, String role) {
        Resource.AllocationInfo allocation = Resource.AllocationInfo.newBuilder().setRole(role).build();
        return map(operation, r -> r.hasAllocationInfo() ? r : r.toBuilder().setAllocationInfo(allocation).build());
    }

    /** The operation as it applies to the agent's checkpointed total, which knows no allocation. */
    static Offer.Operation unallocated(Offer.Operation operation) {
        return map(operation, r -> r.hasAllocationInfo() ? r.toBuilder().clearAllocationInfo().build() : r);
    }

    private static Offer.Operation map(Offer.Operation operation, UnaryOperator<Resource> change) {
        Offer.Operation.Builder changed = operation.toBuilder();
        switch (operation.getType()) {
            case RESERVE -> {
                if (operation.hasReserve()) {
                    Offer.Operation.Reserve reserve = operation.getReserve();
                    changed.setReserve(reserve.toBuilder().clearSource().addAllSource(map(reserve.getSourceList(), change))
                            .clearResources().addAllResources(map(reserve.getResourcesList(), change)));
                }
            }
            case UNRESERVE -> {
                if (operation.hasUnreserve()) {
                    changed.setUnreserve(operation.getUnreserve().toBuilder().clearResources()
                            .addAllResources(map(operation.getUnreserve().getResourcesList(), change)));
                }
            }
            case CREATE -> {
                if (operation.hasCreate()) {
                    changed.setCreate(operation.getCreate().toBuilder().clearVolumes()
                            .addAllVolumes(map(operation.getCreate().getVolumesList(), change)));
                }
            }
            case DESTROY -> {
                if (operation.hasDestroy()) {
                    changed.setDestroy(operation.getDestroy().toBuilder().clearVolumes()
                            .addAllVolumes(map(operation.getDestroy().getVolumesList(), change)));
                }
            }
            case GROW_VOLUME -> {
                if (operation.hasGrowVolume()) {
                    changed.setGrowVolume(operation.getGrowVolume().toBuilder()
                            .setVolume(change.apply(operation.getGrowVolume().getVolume()))
                            .setAddition(change.apply(operation.getGrowVolume().getAddition())));
                }
            }
            case SHRINK_VOLUME -> {
                if (operation.hasShrinkVolume()) {
                    changed.setShrinkVolume(operation.getShrinkVolume().toBuilder()
                            .setVolume(change.apply(operation.getShrinkVolume().getVolume())));
                }
            }
            default -> {
                return operation;
            }
        }
        return changed.build();
    }

    private static List<Resource> map(List<Resource> resources, UnaryOperator<Resource> change) {
        List<Resource> changed = new ArrayList<>(resources.size());
        for (Resource resource : resources) {
            changed.add(change.apply(resource));
        }
        return changed;
    }
}
