package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;

/**
 * Applies the offer operations that change resources rather than use them (RESERVE, UNRESERVE,
 * CREATE, DESTROY, GROW_VOLUME, SHRINK_VOLUME) to an agent's resources: Mesos' master validation
 * of the operation ({@code validation::operation::validate}), its conversion
 * ({@code getResourceConversions}: resources consumed, and what they become) and the check that
 * the resources hold what it consumes. Pure: nothing is changed, nothing is logged.
 *
 * <p>The master calls this for the resources an operation is checked against (an offer's, or an
 * agent's available resources for the operator API) and can apply the same operation to the
 * agent's total; the agent applies it to its checkpointed resources. Authorization, principals,
 * allocation roles, agent capabilities and resource providers are the caller's checks.
 */
public final class Operations {

    /**
     * What an operation is checked against besides the resources it applies to.
     *
     * @param agentResources       all of the agent's resources, including those in use: CREATE
     *                             keeps persistence ids unique per role among them, DESTROY
     *                             requires the volume to be among them
     * @param sharedVolumesAllowed whether CREATE may make shared volumes: for a framework, whether
     *                             it has the SHARED_RESOURCES capability; always for operators
     */
    public record Context(Resources agentResources, boolean sharedVolumesAllowed) {

        public Context {
            Objects.requireNonNull(agentResources, "agentResources");
        }

        /** For the operator API: shared volumes allowed, as Mesos checks that capability only for frameworks. */
        public static Context of(Resources agentResources) {
            return new Context(agentResources, true);
        }
    }

    private Operations() {
    }

    /** {@link #apply(Resources, Offer.Operation, Context)} with {@code resources} as all of the agent's resources. */
    public static OperationResult apply(Resources resources, Offer.Operation operation) {
        return apply(resources, operation, Context.of(resources));
    }

    /**
     * Validates {@code operation}, converts it and applies the conversion to {@code resources}.
     * Resources in the operation may use the deprecated {@code role}/{@code reservation} format;
     * they are {@linkplain Reservations#upgrade upgraded} first. An operation {@code resources} do
     * not hold is refused as NOT_AVAILABLE with Mesos' message,
     * {@code <resources> does not contain <consumed>}.
     */
    public static OperationResult apply(Resources resources, Offer.Operation operation, Context context) {
        Conversion conversion;
        try {
            conversion = convert(operation, context);
        } catch (Refusal refusal) {
            return OperationResult.invalid(refusal.getMessage());
        }
        if (!holds(resources, conversion.consumed())) {
            return OperationResult.notAvailable(ResourceChecks.describe(resources) + " does not contain "
                    + ResourceChecks.describe(conversion.consumed()));
        }
        Resources after = resources.minus(conversion.consumed()).plus(conversion.converted());
        return OperationResult.applied(conversion.consumed(), conversion.converted(), after);
    }

    private static Conversion convert(Offer.Operation operation, Context context) {
        return switch (operation.getType()) {
            case RESERVE -> {
                check(operation.hasReserve(), "Expecting 'reserve' to be present");
                yield ReserveOperation.convert(upgrade(operation.getReserve().getResourcesList()),
                        upgrade(operation.getReserve().getSourceList()));
            }
            case UNRESERVE -> {
                check(operation.hasUnreserve(), "Expecting 'unreserve' to be present");
                yield unreserve(upgrade(operation.getUnreserve().getResourcesList()));
            }
            case CREATE -> {
                check(operation.hasCreate(), "Expecting 'create' to be present");
                yield create(upgrade(operation.getCreate().getVolumesList()), context);
            }
            case DESTROY -> {
                check(operation.hasDestroy(), "Expecting 'destroy' to be present");
                yield destroy(upgrade(operation.getDestroy().getVolumesList()), context);
            }
            case GROW_VOLUME -> {
                check(operation.hasGrowVolume(), "Expecting 'grow_volume' to be present");
                yield VolumeResize.grow(operation.getGrowVolume());
            }
            case SHRINK_VOLUME -> {
                check(operation.hasShrinkVolume(), "Expecting 'shrink_volume' to be present");
                yield VolumeResize.shrink(operation.getShrinkVolume());
            }
            case UNKNOWN -> throw new Refusal("Unknown operation");
            default -> throw new Refusal("Operation not supported");
        };
    }

    private static Conversion unreserve(List<Resource> resources) {
        validate("Invalid resources: ", ResourceChecks.resources(resources));
        for (Resource resource : resources) {
            check(Reservations.isDynamicallyReserved(resource),
                    "Resource " + ResourceChecks.describe(resource) + " is not dynamically reserved");
            check(!Reservations.isPersistentVolume(resource), "A dynamically reserved persistent volume "
                    + ResourceChecks.describe(resource) + " cannot be unreserved directly. Please destroy the"
                    + " persistent volume first then unreserve the resource");
        }
        Resources consumed = Resources.of(resources);
        return new Conversion(consumed, Reservations.pop(consumed));
    }

    private static Conversion create(List<Resource> volumes, Context context) {
        validate("Invalid resources: ", ResourceChecks.resources(volumes));
        validate("Not a persistent volume: ", ResourceChecks.persistentVolumes(volumes));
        List<Resource> all = new ArrayList<>(context.agentResources().toList());
        all.addAll(volumes);
        validate("", ResourceChecks.uniquePersistenceIds(all));
        List<Resource> disks = new ArrayList<>(volumes.size());
        for (Resource volume : volumes) {
            check(!volume.hasShared() || context.sharedVolumesAllowed(), "Create volume operation for '"
                    + ResourceChecks.describe(volume) + "' has been attempted by a framework"
                    + " with no SHARED_RESOURCES capability");
            disks.add(Reservations.withoutVolume(volume));
        }
        return new Conversion(Resources.of(disks), Resources.of(volumes));
    }

    private static Conversion destroy(List<Resource> volumes, Context context) {
        validate("Invalid resources: ", ResourceChecks.resources(volumes));
        validate("Not a persistent volume: ", ResourceChecks.persistentVolumes(volumes));
        Resources agent = context.agentResources().withoutAllocationInfo();
        List<Resource> disks = new ArrayList<>(volumes.size());
        for (Resource volume : volumes) {
            check(holds(agent, Resources.of(volume).withoutAllocationInfo()), "Persistent volumes not found");
            disks.add(Reservations.withoutVolume(volume));
        }
        return new Conversion(Resources.of(volumes), Resources.of(disks));
    }

    /**
     * Whether {@code resources} hold {@code consumed}; a persistent volume or a MOUNT disk cannot
     * be split, so it must be there exactly, not just inside a larger one.
     */
    static boolean holds(Resources resources, Resources consumed) {
        if (!resources.contains(consumed)) {
            return false;
        }
        for (Resource resource : consumed) {
            if (isIndivisible(resource) && !resources.toList().contains(resource)) {
                return false;
            }
        }
        return true;
    }

    static boolean isMountDisk(Resource resource) {
        return resource.getDisk().hasSource()
                && resource.getDisk().getSource().getType() == Resource.DiskInfo.Source.Type.MOUNT;
    }

    private static boolean isIndivisible(Resource resource) {
        return Reservations.isPersistentVolume(resource) || isMountDisk(resource);
    }

    static List<Resource> upgrade(List<Resource> resources) {
        List<Resource> upgraded = new ArrayList<>(resources.size());
        for (Resource resource : resources) {
            upgraded.add(upgrade(resource));
        }
        return upgraded;
    }

    static Resource upgrade(Resource resource) {
        try {
            return Reservations.upgrade(resource);
        } catch (IllegalArgumentException e) {
            throw new Refusal("Invalid resources: Resource '" + ResourceChecks.describe(resource) + "' is invalid: "
                    + e.getMessage());
        }
    }

    static void check(boolean condition, String problem) {
        if (!condition) {
            throw new Refusal(problem);
        }
    }

    static void validate(String prefix, Optional<String> problem) {
        if (problem.isPresent()) {
            throw new Refusal(prefix + problem.get());
        }
    }

    /** What an operation consumes and what it turns that into: the same quantities. */
    record Conversion(Resources consumed, Resources converted) {
    }

    /** An invalid operation, with Mesos' message; carries no stack trace. */
    static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
