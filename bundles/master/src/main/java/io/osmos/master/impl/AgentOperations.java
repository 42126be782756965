package io.osmos.master.impl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.protobuf.ByteString;

import io.osmos.api.resources.OperationResult;
import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Operation;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.OperationStatus;
import io.osmos.proto.v1.master.Response;
import io.osmos.proto.v1.scheduler.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations the master applied to an agent's resources (reserve, unreserve, volumes), on their way
 * to the agent. The master changes its view of the agent's total and the allocator's at once, as
 * Mesos does, sends APPLY_OPERATION, and keeps the operation pending until the agent's
 * OPERATION_STATUS. A status other than OPERATION_FINISHED undoes the operation in the master's
 * view; a status that leaves nothing pending on the agent makes the agent's total (which the status
 * carries) the master's view, whatever drift there was.
 *
 * <p>Pending operations are not resent when the agent subscribes again: its total is then the
 * truth, and whether it applied an operation whose status never came is unknowable (resending a
 * RESERVE of part of the unreserved cpus would reserve twice). Such operations end OPERATION_DROPPED,
 * as Mesos 1.10 drops the operations a re-registering agent does not report. A later status is still
 * logged and passed on to the framework. Loop-confined; read batches list the pending ones
 * (GET_OPERATIONS).
 */
final class AgentOperations {

    private static final Logger LOG = LoggerFactory.getLogger(AgentOperations.class);

    /**
     * An operation sent to an agent: {@code info} as submitted ({@code frameworkId} null for an
     * operator's), and what it consumed and converted in the agent's total (without allocation_info).
     */
    record Pending(ByteString uuid, String agentId, FrameworkID frameworkId, Offer.Operation info, Resources consumed,
            Resources converted) {

        Offer.Operation applied() {
            return OperationResources.unallocated(info);
        }
    }

    private final Cluster cluster;
    private final Map<String, Map<ByteString, Pending>> byAgent = new HashMap<>();

    AgentOperations(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The master checked {@code operation}, which turns {@code result.consumed()} of the agent's
     * total into {@code result.converted()}: the total changes, the allocator is told (after
     * {@link io.osmos.api.allocator.Allocator#updateAllocation} for a framework's), and the agent.
     *
     * @param framework null for an operator's operation
     */
    void apply(AgentRecord agent, FrameworkID framework, Offer.Operation operation, OperationResult result) {
        Resources consumed = result.consumed().withoutAllocationInfo();
        Resources converted = result.converted().withoutAllocationInfo();
        Resources total = agent.total().minus(consumed).plus(converted);
        setTotal(agent, total);
        Pending pending = new Pending(uuid(), agent.id(), framework, operation, consumed, converted);
        byAgent.computeIfAbsent(agent.id(), id -> new LinkedHashMap<>()).put(pending.uuid(), pending);
        AgentEvent.ApplyOperation.Builder apply = AgentEvent.ApplyOperation.newBuilder()
                .setOperation(pending.applied()).setOperationUuid(pending.uuid());
        if (framework != null) {
            apply.setFrameworkId(framework);
        }
        boolean sent = cluster.sendToAgent(agent.id(), AgentEvent.newBuilder().setType(AgentEvent.Type.APPLY_OPERATION)
                .setApplyOperation(apply).build());
        LOG.info("Applied {} operation{} of {} on agent {}: total now {}{}", operation.getType(),
                operation.hasId() ? " '" + operation.getId().getValue() + "'" : "",
                framework == null ? "the operator" : "framework " + framework.getValue(), agent.id(), total,
                sent ? "" : "; the agent is not connected, it will report its own total when it subscribes");
    }

    /** OPERATION_STATUS from the agent. */
    void statusFromAgent(String agentId, AgentCall.OperationStatus update) {
        Map<ByteString, Pending> pending = byAgent.get(agentId);
        Pending operation = pending == null ? null : pending.remove(update.getOperationUuid());
        if (pending != null && pending.isEmpty()) {
            byAgent.remove(agentId);
        }
        OperationStatus status = update.getStatus();
        String what = operation == null ? "an operation it no longer waited for" : operation.info().getType()
                + " operation" + (operation.info().hasId() ? " '" + operation.info().getId().getValue() + "'" : "");
        boolean finished = status.getState() == OperationState.OPERATION_FINISHED;
        if (finished) {
            LOG.info("Agent {} finished {}", agentId, what);
        } else {
            LOG.warn("Agent {} reports {} for {}: {}", agentId, status.getState(), what, status.getMessage());
        }
        if (update.hasFrameworkId() && status.hasOperationId()) {
            notifyFramework(update.getFrameworkId().getValue(), status.hasAgentId() ? status
                    : status.toBuilder().setAgentId(agentOf(agentId)).build());
        }
        if (operation != null && !finished) {
            undo(operation);
        }
        if (update.getTotalResourcesCount() > 0 && (pending == null || pending.isEmpty())) {
            reconcile(agentId, Resources.of(update.getTotalResourcesList()));
        }
    }

    /** The agent subscribed again with its checkpointed total: what it did not answer is dropped. */
    void agentSubscribed(String agentId) {
        end(agentId, OperationState.OPERATION_DROPPED, "The agent subscribed again before reporting the operation");
    }

    /** The agent was marked gone. */
    void agentGone(String agentId) {
        end(agentId, OperationState.OPERATION_GONE_BY_OPERATOR, "The agent was marked gone");
    }

    void agentUnreachable(String agentId) {
        end(agentId, OperationState.OPERATION_UNREACHABLE, "The agent is unreachable");
    }

    /** The pending operations, oldest first per agent, as GET_OPERATIONS lists them. */
    Response response() {
        Response.GetOperations.Builder operations = Response.GetOperations.newBuilder();
        for (Map<ByteString, Pending> pending : byAgent.values()) {
            for (Pending p : pending.values()) {
                operations.addOperations(operation(p));
            }
        }
        return Response.newBuilder().setType(Response.Type.GET_OPERATIONS).setGetOperations(operations).build();
    }

    /** An update for a framework's operation that carries an id, as Mesos sends UPDATE_OPERATION_STATUS. */
    void notifyFramework(String frameworkId, OperationStatus status) {
        FrameworkRecord framework = cluster.framework(frameworkId);
        if (framework != null && framework.connected()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                    .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build());
        }
    }

    /** An operation the agent could not apply: what it converted is what it consumed again. */
    private void undo(Pending operation) {
        AgentRecord agent = cluster.agents().get(operation.agentId()).orElse(null);
        if (agent == null) {
            return;
        }
        Resources total = agent.total();
        if (!total.contains(operation.converted())) {
            LOG.warn("Cannot undo {} on agent {}: {} does not hold {}", operation.info().getType(), agent.id(), total,
                    operation.converted());
            return;
        }
        cluster.offers().rescindForAgent(agent.id());
        setTotal(agent, total.minus(operation.converted()).plus(operation.consumed()));
    }

    /** With nothing pending on the agent, its total is the master's view. */
    private void reconcile(String agentId, Resources agentTotal) {
        AgentRecord agent = cluster.agents().get(agentId).orElse(null);
        if (agent != null && !agentTotal.equals(agent.total())) {
            LOG.warn("Agent {} has {} where the master had {}: the agent's total holds", agentId, agentTotal,
                    agent.total());
            cluster.offers().rescindForAgent(agentId);
            setTotal(agent, agentTotal);
        }
    }

    private void setTotal(AgentRecord agent, Resources total) {
        cluster.agents().updateTotal(agent.id(), total);
        cluster.allocator().get().updateAgent(agent.info().getId(), agent.withTotal(total).info(),
                agent.capabilities(), total);
    }

    private void end(String agentId, OperationState state, String message) {
        Map<ByteString, Pending> pending = byAgent.remove(agentId);
        if (pending == null) {
            return;
        }
        for (Pending operation : pending.values()) {
            LOG.warn("{} operation on agent {} ends {}: {}", operation.info().getType(), agentId, state, message);
            if (operation.frameworkId() != null && operation.info().hasId()) {
                notifyFramework(operation.frameworkId().getValue(), OperationStatus.newBuilder()
                        .setOperationId(operation.info().getId()).setState(state).setMessage(message)
                        .setAgentId(agentOf(agentId)).build());
            }
        }
    }

    private static Operation operation(Pending pending) {
        OperationStatus.Builder status = OperationStatus.newBuilder().setState(OperationState.OPERATION_PENDING)
                .setUuid(io.osmos.proto.v1.UUID.newBuilder().setValue(pending.uuid()))
                .setAgentId(agentOf(pending.agentId()));
        if (pending.info().hasId()) {
            status.setOperationId(pending.info().getId());
        }
        Operation.Builder operation = Operation.newBuilder().setAgentId(agentOf(pending.agentId()))
                .setInfo(pending.info()).setLatestStatus(status)
                .setUuid(io.osmos.proto.v1.UUID.newBuilder().setValue(pending.uuid()));
        if (pending.frameworkId() != null) {
            operation.setFrameworkId(pending.frameworkId());
        }
        return operation.build();
    }

    /** For tests: the operations still waiting for the agent's status. */
    List<Pending> pending(String agentId) {
        return new ArrayList<>(byAgent.getOrDefault(agentId, Map.of()).values());
    }

    private static io.osmos.proto.v1.AgentID agentOf(String agentId) {
        return io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId).build();
    }

    private static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }
}
