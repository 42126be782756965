package io.osmos.api.allocator;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides which framework is offered which resources. The master calls every method from its
 * single loop thread, in order, and the allocator runs its own work (periodic and event-triggered
 * allocation) through {@link AllocatorContext#scheduler()}, which runs on that same thread: an
 * allocator therefore needs no locks.
 *
 * <p>An allocator may be replaced at any time. The master then calls {@link #close()} on the old
 * one and feeds a new one everything: {@link #initialize}, every agent with what is allocated on
 * it, every framework with its allocations. Offers outstanding at the swap are rescinded by the
 * master first, so the new allocator sees only resources used by tasks.
 *
 * <p>Offered resources count as allocated until the master gives them back with
 * {@link #recoverResources}: when declined, left unused by an ACCEPT, freed by a finished task,
 * or rescinded.
 */
@ConsumerType
public interface Allocator {

    /** Called once, before any other method. */
    void initialize(AllocatorContext context);

    void addAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total,
            Map<FrameworkID, Resources> used);

    /**
     * The agent's total changed: after re-registration, after an operator reserved, unreserved or
     * made volumes of unallocated resources (RESERVE_RESOURCES, CREATE_VOLUMES, ...), or after a
     * framework's offer operation (then right after {@link #updateAllocation}). What is allocated on
     * it stays.
     */
    void updateAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total);

    /**
     * A framework applied offer operations (RESERVE, UNRESERVE, CREATE, DESTROY, GROW_VOLUME,
     * SHRINK_VOLUME) to resources it was offered on the agent: {@code consumed}, part of its
     * allocation there, became {@code converted}, which stays allocated to it (both carry their
     * {@code allocation_info}, and hold the same quantities). The agent's total changes by the same
     * conversion; the master reports that total with {@link #updateAgent} right after. Mesos'
     * {@code Allocator::updateAllocation}.
     *
     * <p>The default gives {@code consumed} back without a filter: an allocator that does not
     * override it counts {@code converted} as available rather than allocated to the framework, so
     * it may offer resources the framework is about to use.
     *
     * @since 1.1
     */
    default void updateAllocation(FrameworkID framework, AgentID agent, Resources consumed, Resources converted) {
        recoverResources(framework, agent, consumed, null);
    }

    void removeAgent(AgentID agent);

    /** An activated agent's resources are offered; a deactivated (or draining) agent's are not. */
    void activateAgent(AgentID agent);

    void deactivateAgent(AgentID agent);

    void addFramework(FrameworkID framework, FrameworkInfo info, Map<AgentID, Resources> used, boolean active,
            Set<String> suppressedRoles);

    /** New roles, capabilities or suppressed roles; allocations stay. */
    void updateFramework(FrameworkID framework, FrameworkInfo info, Set<String> suppressedRoles);

    void removeFramework(FrameworkID framework);

    /** A disconnected framework is deactivated: it gets no offers until activated again. */
    void activateFramework(FrameworkID framework);

    void deactivateFramework(FrameworkID framework);

    /**
     * Resources of the framework on the agent come back. With {@code filters} (DECLINE, or the
     * unused part of an ACCEPT) the framework is not offered them again on that agent for
     * {@code refuse_seconds}; with {@code null} no filter is installed.
     */
    void recoverResources(FrameworkID framework, AgentID agent, Resources resources, Filters filters);

    /** No more offers for these roles of the framework (all its roles when empty). */
    void suppressOffers(FrameworkID framework, Set<String> roles);

    /** Clears the framework's filters and suppression for these roles (all when empty) and allocates. */
    void reviveOffers(FrameworkID framework, Set<String> roles);

    /** Replaces the weights of the named roles; roles not named keep theirs (default 1.0). */
    void updateWeights(Map<String, Double> weights);

    /** Sets the quota of a role; {@link Quota#NONE} removes it. */
    void updateQuota(String role, Quota quota);

    /** Runs an allocation cycle over all agents now. */
    void allocate();

    /** Stops timers; the allocator will not be called again. */
    default void close() {
    }
}
