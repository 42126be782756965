package io.osmos.agent.impl;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.ByteString;

import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.Volume;

/** Resources and operations for the agent's volume tests. */
final class VolumeFixtures {

    private VolumeFixtures() {
    }

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    /** The resource with a DYNAMIC reservation per role, in order. */
    static Resource reserved(Resource resource, String... roles) {
        Resource.Builder builder = resource.toBuilder();
        for (String role : roles) {
            builder.addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role)
                    .setPrincipal("ops-principal"));
        }
        return builder.build();
    }

    static Resource volume(String id, String containerPath, double size, String... roles) {
        Resource disk = scalar("disk", size).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(id))
                .setVolume(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW))).build();
        return reserved(disk, roles);
    }

    static AgentEvent.ApplyOperation apply(Offer.Operation operation) {
        UUID uuid = UUID.randomUUID();
        return AgentEvent.ApplyOperation.newBuilder().setOperation(operation).setOperationUuid(ByteString.copyFrom(
                ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                        .array())).build();
    }

    static Offer.Operation reserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    static Offer.Operation reserve(List<Resource> source, List<Resource> resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllSource(source).addAllResources(resources)).build();
    }

    static Offer.Operation create(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
                .setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation destroy(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
                .setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(List.of(volumes))).build();
    }
}
