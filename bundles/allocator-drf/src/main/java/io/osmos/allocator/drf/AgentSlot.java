package io.osmos.allocator.drf;

import java.util.LinkedHashMap;
import java.util.Map;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;

/** An agent as the allocator sees it: its total, and what is offered or allocated on it, per framework. */
final class AgentSlot {

    final AgentID id;
    Resources total;
    boolean active = true;
    /** By framework id; resources carry allocation_info.role. */
    final Map<String, Resources> allocated = new LinkedHashMap<>();

    AgentSlot(AgentID id, Resources total) {
        this.id = id;
        this.total = total;
    }

    Resources allocatedTotal() {
        Resources sum = Resources.EMPTY;
        for (Resources resources : allocated.values()) {
            sum = sum.plus(resources.withoutAllocationInfo());
        }
        return sum;
    }

    Resources available() {
        return total.minus(allocatedTotal());
    }

    void allocate(String frameworkId, Resources resources) {
        allocated.merge(frameworkId, resources, Resources::plus);
    }

    void release(String frameworkId, Resources resources) {
        Resources left = allocated.getOrDefault(frameworkId, Resources.EMPTY).minus(resources);
        if (left.isEmpty()) {
            allocated.remove(frameworkId);
        } else {
            allocated.put(frameworkId, left);
        }
    }
}
