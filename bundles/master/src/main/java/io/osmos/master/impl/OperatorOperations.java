package io.osmos.master.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.osmos.api.resources.OperationResult;
import io.osmos.api.resources.Operations;
import io.osmos.api.resources.Resources;
import io.osmos.master.api.CallOutcome;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.master.Call;

/**
 * RESERVE_RESOURCES (with {@code source}: a reservation update), UNRESERVE_RESOURCES,
 * CREATE_VOLUMES, DESTROY_VOLUMES, GROW_VOLUME and SHRINK_VOLUME, as Mesos' master serves them
 * ({@code Master::Http::_reserve} ... {@code _operation}): 400 for an unknown agent or an invalid
 * operation, with Mesos' message; then the offers holding what the operation consumes are
 * rescinded, and 409 Conflict if the agent's available resources (its total less what tasks use
 * and what is still offered) do not hold it; else the master applies it to its view and the
 * allocator's, sends it to the agent and answers 202 Accepted.
 *
 * <p>Unlike Mesos, an agent that is not connected gets 409: Mesos would answer 202 and drop the
 * operation when the agent comes back with its own total. Rescinded offers come back to the
 * allocator without a filter: Mesos installs one (5 s) only to win a race with its allocation
 * actor, which the master's single loop does not have.
 */
final class OperatorOperations {

    private final Master master;

    OperatorOperations(Master master) {
        this.master = master;
    }

    /** 202, 400 or 409 (a failed stage if the master is stopping). */
    CompletionStage<CallOutcome> handle(Call call) {
        Request request;
        try {
            request = request(call);
        } catch (IllegalArgumentException missing) {
            return CompletableFuture.completedFuture(
                    CallOutcome.badRequest("Failed to validate master::Call: " + missing.getMessage()));
        }
        return master.loop().submit(() -> SchedulerGateway.outcome(apply(request.agentId(), request.operation())));
    }

    /** The call as the offer operation Mesos makes of it, on the agent it names. */
    record Request(String agentId, Offer.Operation operation) {
    }

    /** @throws IllegalArgumentException with Mesos' message when the call's payload is missing */
    static Request request(Call call) {
        Offer.Operation.Builder operation = Offer.Operation.newBuilder();
        String agentId;
        switch (call.getType()) {
            case RESERVE_RESOURCES -> {
                require(call.hasReserveResources(), "reserve_resources");
                Call.ReserveResources reserve = call.getReserveResources();
                agentId = reserve.getAgentId().getValue();
                operation.setType(Offer.Operation.Type.RESERVE).setReserve(Offer.Operation.Reserve.newBuilder()
                        .addAllSource(reserve.getSourceList()).addAllResources(reserve.getResourcesList()));
            }
            case UNRESERVE_RESOURCES -> {
                require(call.hasUnreserveResources(), "unreserve_resources");
                agentId = call.getUnreserveResources().getAgentId().getValue();
                operation.setType(Offer.Operation.Type.UNRESERVE).setUnreserve(Offer.Operation.Unreserve.newBuilder()
                        .addAllResources(call.getUnreserveResources().getResourcesList()));
            }
            case CREATE_VOLUMES -> {
                require(call.hasCreateVolumes(), "create_volumes");
                agentId = call.getCreateVolumes().getAgentId().getValue();
                operation.setType(Offer.Operation.Type.CREATE).setCreate(Offer.Operation.Create.newBuilder()
                        .addAllVolumes(call.getCreateVolumes().getVolumesList()));
            }
            case DESTROY_VOLUMES -> {
                require(call.hasDestroyVolumes(), "destroy_volumes");
                agentId = call.getDestroyVolumes().getAgentId().getValue();
                operation.setType(Offer.Operation.Type.DESTROY).setDestroy(Offer.Operation.Destroy.newBuilder()
                        .addAllVolumes(call.getDestroyVolumes().getVolumesList()));
            }
            case GROW_VOLUME -> {
                require(call.hasGrowVolume(), "grow_volume");
                require(call.getGrowVolume().hasAgentId(), "agent_id");
                agentId = call.getGrowVolume().getAgentId().getValue();
                operation.setType(Offer.Operation.Type.GROW_VOLUME).setGrowVolume(Offer.Operation.GrowVolume
                        .newBuilder().setVolume(call.getGrowVolume().getVolume())
                        .setAddition(call.getGrowVolume().getAddition()));
            }
            case SHRINK_VOLUME -> {
                require(call.hasShrinkVolume(), "shrink_volume");
                require(call.getShrinkVolume().hasAgentId(), "agent_id");
                agentId = call.getShrinkVolume().getAgentId().getValue();
                operation.setType(Offer.Operation.Type.SHRINK_VOLUME).setShrinkVolume(Offer.Operation.ShrinkVolume
                        .newBuilder().setVolume(call.getShrinkVolume().getVolume())
                        .setSubtract(call.getShrinkVolume().getSubtract()));
            }
            default -> throw new IllegalArgumentException("Not a resource operation: " + call.getType());
        }
        return new Request(agentId, operation.build());
    }

    /** Loop only. */
    CallResult apply(String agentId, Offer.Operation submitted) {
        Cluster cluster = master.cluster();
        AgentRecord agent = cluster.agents().get(agentId).filter(a -> !master.maintenance().isGone(agentId))
                .orElse(null);
        if (agent == null) {
            return CallResult.badRequest(AgentMaintenance.UNKNOWN_AGENT);
        }
        Offer.Operation operation = OperationResources.upgraded(submitted);
        Resources total = agent.total();
        OperationResult checked = Operations.apply(total, operation, Operations.Context.of(total));
        String invalid = operation.getType() == Offer.Operation.Type.DESTROY ? "Invalid DESTROY operation: "
                : "Invalid " + operation.getType() + " operation on agent " + agent.describe() + ": ";
        if (checked.status() == OperationResult.Status.INVALID) {
            return CallResult.badRequest(invalid + checked.message());
        }
        Resources used = used(cluster, agentId);
        String problem = operation.getType() == Offer.Operation.Type.RESERVE
                ? OperationChecks.operatorReserve(operation) : null;
        if (problem == null) {
            problem = OperationChecks.agentCapabilities(operation, agent);
        }
        if (problem == null) {
            problem = OperationChecks.notInUse(operation, () -> used);
        }
        if (problem != null) {
            return CallResult.badRequest(invalid + problem);
        }
        if (!agent.active()) {
            return conflict("Agent " + agent.describe() + " is not connected");
        }
        if (!checked.isApplied()) {
            return conflict(checked.message());
        }
        rescindOffersHolding(cluster, agentId, checked.consumed());
        Resources available = total.minus(used).minus(offered(cluster, agentId));
        OperationResult result = Operations.apply(available, operation, Operations.Context.of(total));
        if (!result.isApplied()) {
            return conflict(result.message());
        }
        cluster.operations().apply(agent, null, operation, checked);
        return CallResult.ACCEPTED;
    }

    /**
     * Mesos' greedy rescind: offers on the agent, in order, each one that holds some of what is still
     * needed, until nothing is.
     */
    private static void rescindOffersHolding(Cluster cluster, String agentId, Resources consumed) {
        Resources needed = consumed;
        for (OfferRecord offer : cluster.offers().onAgent(agentId)) {
            if (needed.isEmpty()) {
                return;
            }
            Resources held = offer.resources().withoutAllocationInfo();
            if (!needed.minus(held).equals(needed)) {
                cluster.offers().rescind(offer);
                needed = needed.minus(held);
            }
        }
    }

    /** What live tasks on the agent use, without allocation_info. */
    static Resources used(Cluster cluster, String agentId) {
        Resources used = Resources.EMPTY;
        for (TaskRecord task : cluster.tasksOn(agentId)) {
            if (!task.terminal()) {
                used = used.plus(task.resources);
            }
        }
        return used.withoutAllocationInfo();
    }

    private static Resources offered(Cluster cluster, String agentId) {
        Resources offered = Resources.EMPTY;
        for (OfferRecord offer : cluster.offers().onAgent(agentId)) {
            offered = offered.plus(offer.resources());
        }
        return offered.withoutAllocationInfo();
    }

    private static CallResult conflict(String message) {
        return new CallResult(409, message);
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new IllegalArgumentException("Expecting '" + field + "' to be present");
        }
    }
}
