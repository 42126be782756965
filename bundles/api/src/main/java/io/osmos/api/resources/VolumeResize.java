package io.osmos.api.resources;

import static io.osmos.api.resources.Operations.check;
import static io.osmos.api.resources.Operations.validate;

import java.util.List;

import io.osmos.api.resources.Operations.Conversion;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * GROW_VOLUME and SHRINK_VOLUME: a persistent volume takes in plain disk of its own kind, or
 * gives some back, in place (Mesos 1.6+, agents with RESIZE_VOLUME). A MOUNT disk cannot be
 * resized, nor can a shared volume.
 */
final class VolumeResize {

    private VolumeResize() {
    }

    /** Consumes the volume and the addition, converts them into the volume grown by the addition. */
    static Conversion grow(Offer.Operation.GrowVolume grow) {
        Resource volume = Operations.upgrade(grow.getVolume());
        Resource addition = Operations.upgrade(grow.getAddition());
        validate("Invalid resource in the 'GrowVolume.volume' field: ", ResourceChecks.resource(volume));
        validate("Invalid resource in the 'GrowVolume.addition' field: ", ResourceChecks.resource(addition));
        check(addition.getType() == Value.Type.SCALAR && millis(addition) > 0,
                "The size of 'GrowVolume.addition' field must be greater than zero");
        check(!volume.hasProviderId(), "Growing a volume from a resource provider is not supported");
        validate("Invalid persistent volume in the 'GrowVolume.volume' field: ",
                ResourceChecks.persistentVolumes(List.of(volume)));
        check(!volume.hasShared(), "Growing a shared persistent volume is not supported");
        Resource disk = Reservations.withoutVolume(volume);
        check(volume.getType() == Value.Type.SCALAR && !Operations.isMountDisk(volume)
                && Values.identity(disk).equals(Values.identity(addition)),
                "Incompatible resources in the 'GrowVolume.volume' and 'GrowVolume.addition' fields");
        Resource grown = Values.withScalar(volume, millis(volume) + millis(addition));
        return new Conversion(Resources.of(volume, addition), Resources.of(grown));
    }

    /** Consumes the volume, converts it into the smaller volume and the freed plain disk. */
    static Conversion shrink(Offer.Operation.ShrinkVolume shrink) {
        Resource volume = Operations.upgrade(shrink.getVolume());
        long subtract = Values.toMillis(shrink.getSubtract().getValue());
        validate("Invalid resource in the 'ShrinkVolume.volume' field: ", ResourceChecks.resource(volume));
        check(subtract > 0, "Value of 'ShrinkVolume.subtract' must be greater than zero");
        check(volume.getType() == Value.Type.SCALAR && millis(volume) > subtract,
                "Value of 'ShrinkVolume.subtract' must be smaller than the size of 'ShrinkVolume.volume'");
        check(!volume.hasProviderId(), "Shrinking a volume from a resource provider is not supported");
        check(!Operations.isMountDisk(volume), "Shrinking a volume on a MOUNT disk is not supported");
        validate("Invalid persistent volume in the 'ShrinkVolume.volume' field: ",
                ResourceChecks.persistentVolumes(List.of(volume)));
        check(!volume.hasShared(), "Shrinking a shared persistent volume is not supported");
        Resource shrunk = Values.withScalar(volume, millis(volume) - subtract);
        Resource freed = Values.withScalar(Reservations.withoutVolume(volume), subtract);
        return new Conversion(Resources.of(volume), Resources.of(shrunk, freed));
    }

    private static long millis(Resource resource) {
        return Values.toMillis(resource.getScalar().getValue());
    }
}
