package io.osmos.api.resources;

import static io.osmos.api.resources.OperationFixtures.applied;
import static io.osmos.api.resources.OperationFixtures.create;
import static io.osmos.api.resources.OperationFixtures.destroy;
import static io.osmos.api.resources.OperationFixtures.invalid;
import static io.osmos.api.resources.OperationFixtures.mountSource;
import static io.osmos.api.resources.OperationFixtures.of;
import static io.osmos.api.resources.OperationFixtures.onSource;
import static io.osmos.api.resources.OperationFixtures.refused;
import static io.osmos.api.resources.OperationFixtures.reserved;
import static io.osmos.api.resources.OperationFixtures.scalar;
import static io.osmos.api.resources.OperationFixtures.volume;
import static org.junit.Assert.assertEquals;

import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Volume;

import org.junit.Test;

/** CREATE and DESTROY of persistent volumes, and the operations that are not conversions. */
public class VolumeOperationsTest {

    private static final Resource DISK = reserved(scalar("disk", 100), "eng");
    private static final Resources AGENT = of(DISK, scalar("disk", 50), scalar("cpus", 1));
    private static final Resource V1 = volume("v1", "data", 64, "eng");

    @Test
    public void createTurnsReservedDiskIntoAVolume() {
        OperationResult result = applied(AGENT, create(V1));
        assertEquals(of(reserved(scalar("disk", 64), "eng")), result.consumed());
        assertEquals(of(V1), result.converted());
        assertEquals(of(V1, reserved(scalar("disk", 36), "eng"), scalar("disk", 50), scalar("cpus", 1)),
                result.resources());
    }

    @Test
    public void createThenDestroyGivesBackTheOriginal() {
        Resource v2 = volume("v2", "logs", 36, "eng");
        OperationResult created = applied(AGENT, create(V1, v2));
        assertEquals(of(V1, v2), created.resources().persistentVolumes());
        OperationResult destroyed = applied(created.resources(), destroy(V1, v2));
        assertEquals(of(V1, v2), destroyed.consumed());
        assertEquals(of(DISK), destroyed.converted());
        assertEquals(AGENT, destroyed.resources());
    }

    @Test
    public void createNeedsTheReservedDisk() {
        refused(OperationResult.Status.NOT_AVAILABLE, "disk(eng):100;disk:50;cpus:1 does not contain disk(eng):128",
                Operations.apply(AGENT, create(volume("v1", "data", 128, "eng"))));
        assertEquals(OperationResult.Status.NOT_AVAILABLE,
                Operations.apply(AGENT, create(volume("v1", "data", 10, "ops"))).status());
    }

    @Test
    public void createRefusesWhatIsNotAValidPersistentVolume() {
        invalid("Invalid resources: Invalid DiskInfo: Persistent volumes cannot be created from unreserved resources",
                AGENT, create(volume("v1", "data", 10)));
        Resource noVolume = V1.toBuilder().setDisk(V1.getDisk().toBuilder().clearVolume()).build();
        invalid("Invalid resources: Invalid DiskInfo: Expecting 'volume' to be set for persistent volume", AGENT,
                create(noVolume));
        Resource hostPath = V1.toBuilder().setDisk(V1.getDisk().toBuilder()
                .setVolume(V1.getDisk().getVolume().toBuilder().setHostPath("/tmp"))).build();
        invalid("Invalid resources: Invalid DiskInfo: Expecting 'host_path' to be unset for persistent volume", AGENT,
                create(hostPath));
        invalid("Invalid resources: Invalid DiskInfo: Invalid persistence ID for persistent volume: 'a/b' contains"
                + " invalid characters", AGENT, create(volume("a/b", "data", 10, "eng")));
        invalid("Invalid resources: Invalid DiskInfo: Invalid persistence ID for persistent volume: ID must not be"
                + " empty", AGENT, create(volume("", "data", 10, "eng")));
        invalid("Invalid resources: Invalid DiskInfo: Invalid persistence ID for persistent volume: '..' is"
                + " disallowed", AGENT, create(volume("..", "data", 10, "eng")));
        invalid("Not a persistent volume: Resource disk(eng):10 does not have DiskInfo", AGENT,
                create(reserved(scalar("disk", 10), "eng")));
        Resource notPersistent = onSource(reserved(scalar("disk", 10), "eng"), mountSource("/mnt/a"));
        invalid("Not a persistent volume: 'persistence' is not set in DiskInfo", AGENT, create(notPersistent));
        Resource readOnly = V1.toBuilder().setDisk(V1.getDisk().toBuilder()
                .setVolume(V1.getDisk().getVolume().toBuilder().setMode(Volume.Mode.RO))).build();
        invalid("Not a persistent volume: Read-only persistent volume not supported", AGENT, create(readOnly));
        Resource volumeOnly = reserved(scalar("disk", 10), "eng").toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setVolume(V1.getDisk().getVolume())).build();
        invalid("Invalid resources: Invalid DiskInfo: Non-persistent volume not supported", AGENT, create(volumeOnly));
    }

    @Test
    public void persistenceIdsAreUniquePerRoleOnTheAgent() {
        Resources agent = applied(AGENT, create(V1)).resources();
        invalid("Persistence ID 'v1' is not unique", agent, create(volume("v1", "other", 10, "eng")));
        invalid("Persistence ID 'v2' is not unique", AGENT,
                create(volume("v2", "a", 10, "eng"), volume("v2", "b", 10, "eng")));
        Resources inUse = of(V1);
        OperationResult clash = Operations.apply(of(reserved(scalar("disk", 36), "eng")),
                create(volume("v1", "other", 10, "eng")), Operations.Context.of(inUse));
        refused(OperationResult.Status.INVALID, "Persistence ID 'v1' is not unique", clash);
        Resources both = of(reserved(scalar("disk", 10), "eng"), reserved(scalar("disk", 10), "ops"));
        applied(both, create(volume("v1", "x", 10, "eng"), volume("v1", "x", 10, "ops")));
    }

    @Test
    public void sharedVolumesNeedTheCapability() {
        Resource shared = V1.toBuilder().setShared(Resource.SharedInfo.getDefaultInstance()).build();
        refused(OperationResult.Status.INVALID, "Create volume operation for 'disk(eng)[v1:data]:64' has been attempted"
                + " by a framework with no SHARED_RESOURCES capability",
                Operations.apply(AGENT, create(shared), new Operations.Context(AGENT, false)));
        OperationResult result = applied(Operations.apply(AGENT, create(shared), Operations.Context.of(AGENT)), AGENT);
        assertEquals(of(reserved(scalar("disk", 64), "eng")), result.consumed());
        invalid("Invalid resources: Resource 'cpus(eng):1' is invalid: Resource cpus cannot be shared", AGENT,
                create(reserved(scalar("cpus", 1), "eng").toBuilder()
                        .setShared(Resource.SharedInfo.getDefaultInstance()).build()));
    }

    @Test
    public void aMountDiskIsUsedWhole() {
        Resource mount = onSource(reserved(scalar("disk", 100), "eng"), mountSource("/mnt/a"));
        Resources agent = of(mount);
        Resource part = onSource(volume("v1", "data", 50, "eng"), mountSource("/mnt/a"));
        refused(OperationResult.Status.NOT_AVAILABLE, "disk(eng):100 does not contain disk(eng):50",
                Operations.apply(agent, create(part)));
        Resource whole = onSource(volume("v1", "data", 100, "eng"), mountSource("/mnt/a"));
        OperationResult created = applied(agent, create(whole));
        assertEquals(of(whole), created.resources());
        assertEquals(agent, applied(created.resources(), destroy(whole)).resources());
    }

    @Test
    public void destroyNeedsTheVolumeOnTheAgent() {
        invalid("Persistent volumes not found", AGENT, destroy(V1));
        Resources agent = applied(AGENT, create(V1)).resources();
        invalid("Persistent volumes not found", agent, destroy(volume("v1", "data", 32, "eng")));
        invalid("Persistent volumes not found", agent, destroy(volume("v1", "data", 64, "ops")));
        OperationResult inUse = Operations.apply(agent.minus(of(V1)), destroy(V1), Operations.Context.of(agent));
        refused(OperationResult.Status.NOT_AVAILABLE,
                "disk(eng):36;disk:50;cpus:1 does not contain disk(eng)[v1:data]:64", inUse);
        invalid("Not a persistent volume: 'persistence' is not set in DiskInfo", agent,
                destroy(onSource(reserved(scalar("disk", 10), "eng"), mountSource("/mnt/a"))));
    }

    @Test
    public void destroyFindsTheVolumeWhateverItsAllocation() {
        Resources agent = applied(AGENT, create(V1)).resources();
        Resources offered = agent.allocatedTo("eng");
        Resource allocated = of(V1).allocatedTo("eng").toList().get(0);
        OperationResult result = applied(Operations.apply(offered, destroy(allocated), Operations.Context.of(agent)),
                offered);
        assertEquals(of(reserved(scalar("disk", 64), "eng")).allocatedTo("eng"), result.converted());
    }

    @Test
    public void operationsThatConvertNothingAreRefused() {
        invalid("Operation not supported", AGENT, Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH).build());
        invalid("Operation not supported", AGENT, Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.CREATE_DISK).build());
        invalid("Unknown operation", AGENT, Offer.Operation.getDefaultInstance());
        invalid("Expecting 'create' to be present", AGENT, Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.CREATE).build());
        invalid("Expecting 'destroy' to be present", AGENT, Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.DESTROY).build());
    }
}
