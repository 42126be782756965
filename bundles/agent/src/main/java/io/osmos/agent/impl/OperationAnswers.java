package io.osmos.agent.impl;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.ByteString;

import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.OperationStatus;
import io.osmos.proto.v1.Resource;

/** The pieces of an APPLY_OPERATION the agent reads and of the OPERATION_STATUS it answers with. */
final class OperationAnswers {

    private OperationAnswers() {
    }

    /**
     * The answer, without the agent's total (added when it is sent): the state, the operation's id
     * if it has one, a new status uuid (kept when the answer is sent again), the converted resources
     * of a finished operation, the message of a failed one.
     */
    static AgentCall.OperationStatus status(AgentEvent.ApplyOperation apply, AgentID agentId, OperationState state,
            String message, Resources converted) {
        OperationStatus.Builder status = OperationStatus.newBuilder().setState(state)
                .setUuid(io.osmos.proto.v1.UUID.newBuilder().setValue(randomUuid()))
                .addAllConvertedResources(converted);
        if (agentId != null && agentId.hasValue()) {
            status.setAgentId(agentId);
        }
        if (apply.getOperation().hasId()) {
            status.setOperationId(apply.getOperation().getId());
        }
        if (!message.isEmpty()) {
            status.setMessage(message);
        }
        AgentCall.OperationStatus.Builder answer = AgentCall.OperationStatus.newBuilder()
                .setOperationUuid(apply.getOperationUuid()).setStatus(status);
        if (apply.hasFrameworkId()) {
            answer.setFrameworkId(apply.getFrameworkId());
        }
        return answer.build();
    }

    /** The operation uuid for logs: the usual text form when it is 16 bytes. */
    static String uuid(AgentEvent.ApplyOperation apply) {
        ByteString bytes = apply.getOperationUuid();
        if (bytes.size() != 16) {
            return bytes.toStringUtf8();
        }
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    /**
     * The operation without {@code allocation_info} on its resources: an offer operation's
     * resources carry the role they were offered to, the agent's total does not.
     */
    static Offer.Operation unallocated(Offer.Operation operation) {
        boolean present = switch (operation.getType()) {
            case RESERVE -> operation.hasReserve();
            case UNRESERVE -> operation.hasUnreserve();
            case CREATE -> operation.hasCreate();
            case DESTROY -> operation.hasDestroy();
            case GROW_VOLUME -> operation.hasGrowVolume() && operation.getGrowVolume().hasVolume()
                    && operation.getGrowVolume().hasAddition();
            case SHRINK_VOLUME -> operation.hasShrinkVolume() && operation.getShrinkVolume().hasVolume();
            default -> false;
        };
        if (!present) {
            return operation;
        }
        Offer.Operation.Builder builder = operation.toBuilder();
        switch (operation.getType()) {
            case RESERVE -> builder.getReserveBuilder().clearResources()
                    .addAllResources(unallocated(operation.getReserve().getResourcesList())).clearSource()
                    .addAllSource(unallocated(operation.getReserve().getSourceList()));
            case UNRESERVE -> builder.getUnreserveBuilder().clearResources()
                    .addAllResources(unallocated(operation.getUnreserve().getResourcesList()));
            case CREATE -> builder.getCreateBuilder().clearVolumes()
                    .addAllVolumes(unallocated(operation.getCreate().getVolumesList()));
            case DESTROY -> builder.getDestroyBuilder().clearVolumes()
                    .addAllVolumes(unallocated(operation.getDestroy().getVolumesList()));
            case GROW_VOLUME -> builder.getGrowVolumeBuilder()
                    .setVolume(operation.getGrowVolume().getVolume().toBuilder().clearAllocationInfo())
                    .setAddition(operation.getGrowVolume().getAddition().toBuilder().clearAllocationInfo());
            case SHRINK_VOLUME -> builder.getShrinkVolumeBuilder()
                    .setVolume(operation.getShrinkVolume().getVolume().toBuilder().clearAllocationInfo());
            default -> throw new IllegalStateException("Unexpected operation " + operation.getType());
        }
        return builder.build();
    }

    private static List<Resource> unallocated(List<Resource> resources) {
        return resources.stream().map(r -> r.hasAllocationInfo() ? r.toBuilder().clearAllocationInfo().build() : r)
                .toList();
    }

    private static ByteString randomUuid() {
        UUID uuid = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }
}
