package io.osmos.master.impl;

import io.osmos.api.resources.OperationResult;
import io.osmos.api.resources.Operations;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OperationState;
import io.osmos.proto.v1.OperationStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RESERVE, UNRESERVE, CREATE, DESTROY, GROW_VOLUME and SHRINK_VOLUME in a scheduler's ACCEPT, as
 * Mesos' {@code Master::_accept} applies them: in order, each to what the accepted offers still
 * hold after the operations before it, so that a LAUNCH later in the same ACCEPT can use what
 * they made (reserve, create a volume and launch on it at once). Resources without
 * {@code allocation_info} get the offer's role, as Mesos fills it in for frameworks that are not
 * MULTI_ROLE (Osmos does it for all). What an operation makes stays allocated to the framework;
 * what the ACCEPT leaves unused goes back to the allocator with the ACCEPT's filters, as always.
 *
 * <p>An invalid operation, or one the offers do not hold, is dropped with a warning; if it has an
 * {@code id} the framework gets UPDATE_OPERATION_STATUS with OPERATION_ERROR and the reason, as
 * Mesos sends it. An applied one with an {@code id} gets the agent's OPERATION_FINISHED or
 * OPERATION_FAILED when the agent answers. Loop-confined.
 */
final class OfferOperations {

    private static final Logger LOG = LoggerFactory.getLogger(OfferOperations.class);

    private final Cluster cluster;

    OfferOperations(Cluster cluster) {
        this.cluster = cluster;
    }

    /** @return what the accepted offers hold after the operation (unchanged if it was dropped) */
    Resources apply(FrameworkRecord framework, OfferRecord offer, Offer.Operation submitted, Resources available) {
        AgentRecord agent = cluster.agents().get(offer.agentId()).orElse(null);
        if (agent == null) {
            drop(framework, offer.agentId(), submitted, "Agent " + offer.agentId() + " is no longer known");
            return available;
        }
        Offer.Operation operation = OperationResources.allocatedTo(OperationResources.upgraded(submitted), offer.role());
        Resources total = agent.total();
        OperationResult result = Operations.apply(available, operation, new Operations.Context(total,
                framework.hasCapability(FrameworkInfo.Capability.Type.SHARED_RESOURCES)));
        String problem = result.status() == OperationResult.Status.INVALID ? result.message() : null;
        if (problem == null && operation.getType() == Offer.Operation.Type.RESERVE) {
            problem = OperationChecks.frameworkReserve(operation, framework);
        }
        if (problem == null) {
            problem = OperationChecks.agentCapabilities(operation, agent);
        }
        if (problem == null) {
            problem = OperationChecks.notInUse(operation, () -> OperatorOperations.used(cluster, agent.id()));
        }
        if (problem == null && !result.isApplied()) {
            problem = result.message();
        }
        if (problem != null) {
            drop(framework, agent.id(), operation, problem);
            return available;
        }
        cluster.allocator().get().updateAllocation(framework.id, agent.info().getId(), result.consumed(),
                result.converted());
        cluster.operations().apply(agent, framework.id, operation, result);
        return result.resources();
    }

    /**
     * Mesos' {@code Master::drop}: a warning, and OPERATION_ERROR for an operation with an id.
     *
     * @param agentId null when the offers were not valid
     */
    void drop(FrameworkRecord framework, String agentId, Offer.Operation operation, String message) {
        LOG.warn("Dropping {} operation from framework {}: {}", operation.getType(), framework.id(), message);
        if (operation.hasId()) {
            OperationStatus.Builder status = OperationStatus.newBuilder().setOperationId(operation.getId())
                    .setState(OperationState.OPERATION_ERROR).setMessage(message);
            if (agentId != null) {
                status.setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId));
            }
            cluster.operations().notifyFramework(framework.id(), status.build());
        }
    }
}
