package io.osmos.api.resources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.Volume;

/** Resources and offer operations for the operation tests, built the way Mesos' tests build them. */
final class OperationFixtures {

    static final String PRINCIPAL = "my-principal";

    private OperationFixtures() {
    }

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    static ReservationInfo dynamic(String role) {
        return ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role)
                .setPrincipal(PRINCIPAL).build();
    }

    static ReservationInfo statically(String role) {
        return ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole(role).build();
    }

    /** The resource with a DYNAMIC reservation for each role, in order: {@code "a", "a/b"} is a refinement. */
    static Resource reserved(Resource resource, String... roles) {
        Resource.Builder builder = resource.toBuilder();
        for (String role : roles) {
            builder.addReservations(dynamic(role));
        }
        return builder.build();
    }

    static Resource withReservations(Resource resource, ReservationInfo... reservations) {
        return resource.toBuilder().addAllReservations(List.of(reservations)).build();
    }

    /** A persistent volume on the agent's root disk, RW at {@code path}, dynamically reserved to {@code roles}. */
    static Resource volume(String id, String path, double size, String... roles) {
        Resource disk = scalar("disk", size).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(id).setPrincipal(PRINCIPAL))
                .setVolume(Volume.newBuilder().setContainerPath(path).setMode(Volume.Mode.RW))).build();
        return reserved(disk, roles);
    }

    static Resource.DiskInfo.Source mountSource(String root) {
        return Resource.DiskInfo.Source.newBuilder().setType(Resource.DiskInfo.Source.Type.MOUNT)
                .setMount(Resource.DiskInfo.Source.Mount.newBuilder().setRoot(root)).build();
    }

    static Resource onSource(Resource disk, Resource.DiskInfo.Source source) {
        Resource.Builder builder = disk.toBuilder();
        builder.getDiskBuilder().setSource(source);
        return builder.build();
    }

    static Resources of(Resource... resources) {
        return Resources.of(resources);
    }

    static Offer.Operation reserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    static Offer.Operation reserve(List<Resource> source, List<Resource> resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllSource(source).addAllResources(resources))
                .build();
    }

    static Offer.Operation unreserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                .setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    static Offer.Operation create(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
                .setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation destroy(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
                .setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation grow(Resource volume, Resource addition) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.GROW_VOLUME)
                .setGrowVolume(Offer.Operation.GrowVolume.newBuilder().setVolume(volume).setAddition(addition))
                .build();
    }

    static Offer.Operation shrink(Resource volume, double subtract) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.SHRINK_VOLUME)
                .setShrinkVolume(Offer.Operation.ShrinkVolume.newBuilder().setVolume(volume)
                        .setSubtract(Value.Scalar.newBuilder().setValue(subtract)))
                .build();
    }

    /** Applies the operation, expecting it to succeed and to leave every scalar total as it was. */
    static OperationResult applied(Resources available, Offer.Operation operation) {
        return applied(Operations.apply(available, operation), available);
    }

    static OperationResult applied(OperationResult result, Resources available) {
        assertTrue(result.toString(), result.isApplied());
        assertEquals("", result.message());
        assertEquals("an operation converts, it never creates or destroys quantities",
                available.scalars(), result.resources().scalars());
        assertEquals(result.consumed().scalars(), result.converted().scalars());
        return result;
    }

    static void invalid(String message, Resources available, Offer.Operation operation) {
        refused(OperationResult.Status.INVALID, message, Operations.apply(available, operation));
    }

    static void refused(OperationResult.Status status, String message, OperationResult result) {
        assertEquals(result.toString(), status, result.status());
        assertEquals(message, result.message());
    }
}
