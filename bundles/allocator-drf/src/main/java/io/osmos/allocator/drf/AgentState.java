package io.osmos.allocator.drf;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.AgentInfo.Capability.Type;

/** An agent as the allocator sees it: its total, and what each framework is offered or uses on it. */
final class AgentState {

    final AgentID agentId;
    private Resources total;
    private Set<Type> capabilities;
    private boolean active = true;
    /** By framework id; the resources carry their allocation_info.role. */
    private final Map<String, Resources> allocated = new LinkedHashMap<>();
    private Resources allocatedPlain = Resources.EMPTY;

    AgentState(AgentID agentId, List<AgentInfo.Capability> capabilities, Resources total) {
        this.agentId = agentId;
        update(capabilities, total);
    }

    void update(List<AgentInfo.Capability> newCapabilities, Resources newTotal) {
        Set<Type> types = EnumSet.noneOf(Type.class);
        newCapabilities.forEach(c -> types.add(c.getType()));
        this.capabilities = types;
        this.total = newTotal.withoutAllocationInfo();
    }

    /** An offer operation changed part of the total: {@code consumed} became {@code converted}. */
    void convert(Resources consumed, Resources converted) {
        this.total = total.minus(consumed).plus(converted);
    }

    String id() {
        return agentId.getValue();
    }

    Resources total() {
        return total;
    }

    boolean has(Type capability) {
        return capabilities.contains(capability);
    }

    boolean active() {
        return active;
    }

    void setActive(boolean value) {
        active = value;
    }

    /** What is neither offered nor used. */
    Resources available() {
        return total.minus(allocatedPlain);
    }

    Resources allocatedTo(String framework) {
        return allocated.getOrDefault(framework, Resources.EMPTY);
    }

    Map<String, Resources> allocations() {
        return Collections.unmodifiableMap(allocated);
    }

    void allocate(String framework, Resources resources) {
        allocated.merge(framework, resources, Resources::plus);
        allocatedPlain = allocatedPlain.plus(resources.withoutAllocationInfo());
    }

    /** Takes back what of {@code resources} the framework holds here; returns what that was. */
    Resources release(String framework, Resources resources) {
        Resources held = allocatedTo(framework);
        Resources kept = held.minus(resources);
        Resources released = held.minus(kept);
        if (kept.isEmpty()) {
            allocated.remove(framework);
        } else {
            allocated.put(framework, kept);
        }
        allocatedPlain = allocatedPlain.minus(released.withoutAllocationInfo());
        return released;
    }
}
