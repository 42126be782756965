package io.osmos.api.resources;

import static io.osmos.api.resources.OperationFixtures.applied;
import static io.osmos.api.resources.OperationFixtures.grow;
import static io.osmos.api.resources.OperationFixtures.invalid;
import static io.osmos.api.resources.OperationFixtures.mountSource;
import static io.osmos.api.resources.OperationFixtures.of;
import static io.osmos.api.resources.OperationFixtures.onSource;
import static io.osmos.api.resources.OperationFixtures.refused;
import static io.osmos.api.resources.OperationFixtures.reserved;
import static io.osmos.api.resources.OperationFixtures.scalar;
import static io.osmos.api.resources.OperationFixtures.shrink;
import static io.osmos.api.resources.OperationFixtures.volume;
import static org.junit.Assert.assertEquals;

import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.ResourceProviderID;

import org.junit.Test;

/** GROW_VOLUME and SHRINK_VOLUME. */
public class VolumeResizeTest {

    private static final Resource V1 = volume("v1", "data", 64, "eng");
    private static final Resources AGENT = of(V1, reserved(scalar("disk", 36), "eng"), scalar("disk", 10));

    @Test
    public void growConsumesTheVolumeAndTheAddition() {
        Resource addition = reserved(scalar("disk", 16), "eng");
        OperationResult result = applied(AGENT, grow(V1, addition));
        assertEquals(of(V1, addition), result.consumed());
        assertEquals(of(volume("v1", "data", 80, "eng")), result.converted());
        assertEquals(of(volume("v1", "data", 80, "eng"), reserved(scalar("disk", 20), "eng"), scalar("disk", 10)),
                result.resources());
    }

    @Test
    public void growThenShrinkGivesBackTheOriginal() {
        Resources grown = applied(AGENT, grow(V1, reserved(scalar("disk", 36), "eng"))).resources();
        assertEquals(of(volume("v1", "data", 100, "eng"), scalar("disk", 10)), grown);
        OperationResult shrunk = applied(grown, shrink(volume("v1", "data", 100, "eng"), 36));
        assertEquals(of(volume("v1", "data", 100, "eng")), shrunk.consumed());
        assertEquals(of(V1, reserved(scalar("disk", 36), "eng")), shrunk.converted());
        assertEquals(AGENT, shrunk.resources());
    }

    @Test
    public void growNeedsTheAdditionAndTheWholeVolume() {
        refused(OperationResult.Status.NOT_AVAILABLE,
                "disk(eng)[v1:data]:64;disk(eng):36;disk:10 does not contain disk(eng)[v1:data]:64;disk(eng):40",
                Operations.apply(AGENT, grow(V1, reserved(scalar("disk", 40), "eng"))));
        refused(OperationResult.Status.NOT_AVAILABLE,
                "disk(eng)[v1:data]:64;disk(eng):36;disk:10 does not contain disk(eng)[v1:data]:32;disk(eng):1",
                Operations.apply(AGENT, grow(volume("v1", "data", 32, "eng"), reserved(scalar("disk", 1), "eng"))));
    }

    @Test
    public void growRefusesAdditionsOfAnotherKind() {
        String incompatible = "Incompatible resources in the 'GrowVolume.volume' and 'GrowVolume.addition' fields";
        invalid(incompatible, AGENT, grow(V1, scalar("disk", 10)));
        invalid(incompatible, AGENT, grow(V1, reserved(scalar("disk", 10), "ops")));
        invalid(incompatible, AGENT, grow(V1, reserved(scalar("cpus", 1), "eng")));
        Resource mountVolume = onSource(volume("v1", "data", 64, "eng"), mountSource("/mnt/a"));
        invalid(incompatible, of(mountVolume), grow(mountVolume,
                onSource(reserved(scalar("disk", 10), "eng"), mountSource("/mnt/a"))));
    }

    @Test
    public void growRefusesWhatIsNotAPlainPersistentVolume() {
        invalid("The size of 'GrowVolume.addition' field must be greater than zero", AGENT,
                grow(V1, reserved(scalar("disk", 0), "eng")));
        invalid("Invalid resource in the 'GrowVolume.addition' field: Invalid scalar resource: value <= 0", AGENT,
                grow(V1, reserved(scalar("disk", -1), "eng")));
        invalid("Invalid persistent volume in the 'GrowVolume.volume' field: 'persistence' is not set in DiskInfo",
                AGENT, grow(onSource(reserved(scalar("disk", 10), "eng"), mountSource("/mnt/a")),
                        reserved(scalar("disk", 10), "eng")));
        invalid("Growing a shared persistent volume is not supported", AGENT,
                grow(V1.toBuilder().setShared(Resource.SharedInfo.getDefaultInstance()).build(),
                        reserved(scalar("disk", 10), "eng")));
        invalid("Growing a volume from a resource provider is not supported", AGENT,
                grow(V1.toBuilder().setProviderId(ResourceProviderID.newBuilder().setValue("rp")).build(),
                        reserved(scalar("disk", 10), "eng")));
        invalid("Expecting 'grow_volume' to be present", AGENT,
                Offer.Operation.newBuilder().setType(Offer.Operation.Type.GROW_VOLUME).build());
    }

    @Test
    public void shrinkGivesBackPlainDisk() {
        OperationResult result = applied(AGENT, shrink(V1, 16));
        assertEquals(of(volume("v1", "data", 48, "eng"), reserved(scalar("disk", 16), "eng")), result.converted());
        assertEquals(of(volume("v1", "data", 48, "eng"), reserved(scalar("disk", 52), "eng"), scalar("disk", 10)),
                result.resources());
    }

    @Test
    public void shrinkRefusesWhatCannotShrink() {
        invalid("Value of 'ShrinkVolume.subtract' must be greater than zero", AGENT, shrink(V1, 0));
        invalid("Value of 'ShrinkVolume.subtract' must be smaller than the size of 'ShrinkVolume.volume'", AGENT,
                shrink(V1, 64));
        Resource mountVolume = onSource(volume("v1", "data", 64, "eng"), mountSource("/mnt/a"));
        invalid("Shrinking a volume on a MOUNT disk is not supported", of(mountVolume), shrink(mountVolume, 10));
        invalid("Shrinking a shared persistent volume is not supported", AGENT,
                shrink(V1.toBuilder().setShared(Resource.SharedInfo.getDefaultInstance()).build(), 10));
        invalid("Invalid persistent volume in the 'ShrinkVolume.volume' field: Resource disk(eng):36 does not have"
                + " DiskInfo", AGENT, shrink(reserved(scalar("disk", 36), "eng"), 10));
        refused(OperationResult.Status.NOT_AVAILABLE,
                "disk(eng)[v1:data]:64;disk(eng):36;disk:10 does not contain disk(eng)[v2:data]:64",
                Operations.apply(AGENT, shrink(volume("v2", "data", 64, "eng"), 10)));
    }
}
