package io.osmos.agent.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.google.protobuf.ByteString;

import io.osmos.api.resources.OperationResult;
import io.osmos.api.resources.Operations;
import io.osmos.api.resources.Reservations;
import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's total resources, checkpointed: the configured (or detected) ones with the dynamic
 * reservations and persistent volumes that operations made, recovered at start and changed by the
 * master's APPLY_OPERATION. Changes happen on the agent's loop; {@link #total()} may be read from
 * any thread.
 */
final class AgentResources {

    /** How many operation answers are kept (and checkpointed) to answer a re-sent operation again. */
    static final int REMEMBERED_ANSWERS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(AgentResources.class);

    private final ResourcesCheckpoint checkpoint;
    private final PersistentVolumes volumes;
    private final Map<ByteString, AgentCall.OperationStatus> answers = new LinkedHashMap<>();
    private volatile Resources total;

    private AgentResources(ResourcesCheckpoint checkpoint, PersistentVolumes volumes, Resources total,
            List<AgentCall.OperationStatus> answers) {
        this.checkpoint = checkpoint;
        this.volumes = volumes;
        this.total = total;
        answers.forEach(this::remember);
    }

    /**
     * The configured resources with the checkpointed dynamic reservations and persistent volumes
     * applied, every volume's directory in place, checkpointed again.
     *
     * @throws IllegalStateException starting with {@code Incompatible agent resources} when the
     *     configured resources cannot hold what the checkpoint reserved (the operator shrank or
     *     re-reserved them), or when the checkpoint or the volume directories cannot be read: the
     *     agent refuses to start, as Mesos' does, rather than drop reservations and volumes
     */
    static AgentResources recover(Resources configured, ResourcesCheckpoint checkpoint, PersistentVolumes volumes) {
        Optional<ResourcesCheckpoint.State> state;
        Resources total;
        try {
            state = checkpoint.load();
            total = state.isPresent() ? applyCheckpointed(configured, Resources.of(state.get().total())) : configured;
            volumes.recover(total.persistentVolumes());
        } catch (IllegalStateException e) {
            LOG.error("Incompatible agent info, the agent does not start: {}", e.getMessage());
            throw e;
        } catch (IOException | UncheckedIOException e) {
            LOG.error("Cannot recover the agent's checkpointed resources, the agent does not start: {}", e.getMessage());
            throw new IllegalStateException("Cannot recover the agent's checkpointed resources: " + e.getMessage(), e);
        }
        AgentResources resources = new AgentResources(checkpoint, volumes, total,
                state.map(ResourcesCheckpoint.State::answers).orElse(List.of()));
        resources.store();
        if (state.isPresent()) {
            LOG.info("Recovered checkpointed resources {} ({} persistent volumes) from {}", total,
                    total.persistentVolumes().toList().size(), checkpoint.file());
        }
        return resources;
    }

    /**
     * Mesos' {@code applyCheckpointedResources}: each checkpointed resource that only operations
     * make (dynamically reserved, or a persistent volume) takes the place of what it was made from,
     * its STATIC reservations and plain disk, which the configured resources must still hold.
     */
    static Resources applyCheckpointed(Resources configured, Resources checkpointed) {
        Resources total = configured;
        for (Resource resource : checkpointed) {
            if (!Reservations.isDynamicallyReserved(resource) && !Reservations.isPersistentVolume(resource)) {
                continue;
            }
            Resources source = Resources.of(madeFrom(resource));
            if (!total.contains(source)) {
                throw new IllegalStateException("Incompatible agent resources: the checkpointed " + describe(resource)
                        + " needs " + source + ", which the configured resources " + configured + " do not hold"
                        + " (after the other checkpointed reservations and volumes). Restore the agent's resources"
                        + " setting, or remove the checkpoint to drop every dynamic reservation and volume");
            }
            total = total.minus(source).plus(resource);
        }
        return total;
    }

    /** The resource with only its STATIC reservations, and a volume's disk without the volume. */
    private static Resource madeFrom(Resource resource) {
        Resource.Builder source = resource.toBuilder().clearReservations();
        resource.getReservationsList().stream().filter(r -> r.getType() == Resource.ReservationInfo.Type.STATIC)
                .forEach(source::addReservations);
        Resource stripped = source.build();
        return Reservations.isPersistentVolume(stripped) ? Reservations.withoutVolume(stripped)
                : stripped.toBuilder().clearShared().build();
    }

    Resources total() {
        return total;
    }

    /**
     * APPLY_OPERATION: applies it to the total, checkpoints, then creates, moves or deletes the
     * volume directories; answers OPERATION_FINISHED with the total after, or OPERATION_FAILED with
     * why and the total unchanged. An operation whose uuid was answered before is answered the same
     * way again, not applied twice. A volume that {@code inUse} says a container uses is neither
     * deleted nor moved.
     */
    AgentCall.OperationStatus apply(AgentEvent.ApplyOperation apply, AgentID agentId, Predicate<Resource> inUse) {
        AgentCall.OperationStatus known = answers.get(apply.getOperationUuid());
        if (known != null) {
            LOG.info("Operation {} was answered before ({}): answering again", OperationAnswers.uuid(apply),
                    known.getStatus().getState());
            return withTotal(known);
        }
        Offer.Operation operation = OperationAnswers.unallocated(apply.getOperation());
        OperationResult result = Operations.apply(total, operation);
        if (!result.isApplied()) {
            return failed(apply, agentId, "Cannot apply " + operation.getType() + " to the agent's resources: "
                    + result.message());
        }
        VolumeChanges changes = VolumeChanges.of(result.consumed(), result.converted(), volumes);
        Optional<Resource> used = changes.used(inUse);
        if (used.isPresent()) {
            return failed(apply, agentId, "Persistent volume " + describe(used.get()) + " is in use by a container"
                    + " on this agent");
        }
        Resources before = total;
        total = result.resources();
        remember(OperationAnswers.status(apply, agentId, OperationState.OPERATION_FINISHED, "", result.converted()));
        try {
            store();
        } catch (UncheckedIOException e) {
            total = before;
            answers.remove(apply.getOperationUuid());
            return failed(apply, agentId, e.getMessage());
        }
        try {
            changes.apply(volumes);
        } catch (IOException e) {
            LOG.error("Operation {} ({}) failed on disk: {}", OperationAnswers.uuid(apply), operation.getType(),
                    e.getMessage());
            total = before;
            answers.remove(apply.getOperationUuid());
            return failed(apply, agentId, "Cannot change the persistent volume directories: " + e.getMessage());
        }
        LOG.info("Applied {} (operation {}): the agent's resources are now {}", operation.getType(),
                OperationAnswers.uuid(apply), total);
        return withTotal(answers.get(apply.getOperationUuid()));
    }

    private AgentCall.OperationStatus failed(AgentEvent.ApplyOperation apply, AgentID agentId, String message) {
        LOG.warn("Operation {} failed: {}", OperationAnswers.uuid(apply), message);
        remember(OperationAnswers.status(apply, agentId, OperationState.OPERATION_FAILED, message, Resources.EMPTY));
        try {
            store();
        } catch (UncheckedIOException e) {
            LOG.error("The answer to operation {} is not checkpointed: {}", OperationAnswers.uuid(apply), e.getMessage());
        }
        return withTotal(answers.get(apply.getOperationUuid()));
    }

    private void remember(AgentCall.OperationStatus answer) {
        answers.remove(answer.getOperationUuid());
        answers.put(answer.getOperationUuid(), answer.toBuilder().clearTotalResources().build());
        while (answers.size() > REMEMBERED_ANSWERS) {
            answers.remove(answers.keySet().iterator().next());
        }
    }

    private AgentCall.OperationStatus withTotal(AgentCall.OperationStatus answer) {
        return answer.toBuilder().clearTotalResources().addAllTotalResources(total).build();
    }

    private void store() {
        checkpoint.store(new ResourcesCheckpoint.State(total.toList(), new ArrayList<>(answers.values())));
    }

    /** A resource for messages: the agent notation, with a volume's persistence id and container path. */
    static String describe(Resource resource) {
        String text = Resources.of(resource).toString();
        if (!Reservations.isPersistentVolume(resource)) {
            return text;
        }
        int colon = text.indexOf(':');
        return text.substring(0, colon) + "[" + resource.getDisk().getPersistence().getId() + ":"
                + resource.getDisk().getVolume().getContainerPath() + "]" + text.substring(colon);
    }
}
