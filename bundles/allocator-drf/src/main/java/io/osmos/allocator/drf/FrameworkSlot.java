package io.osmos.allocator.drf;

import java.util.LinkedHashSet;
import java.util.Set;

import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;

/** A framework as the allocator sees it: its roles, whether it wants offers, and for which roles not. */
final class FrameworkSlot {

    final FrameworkID id;
    FrameworkInfo info;
    Set<String> roles;
    boolean active;
    Set<String> suppressed;

    FrameworkSlot(FrameworkID id, FrameworkInfo info, boolean active, Set<String> suppressed) {
        this.id = id;
        this.active = active;
        update(info, suppressed);
    }

    void update(FrameworkInfo newInfo, Set<String> newSuppressed) {
        this.info = newInfo;
        this.roles = rolesOf(newInfo);
        this.suppressed = new LinkedHashSet<>(newSuppressed);
    }

    boolean wants(String role) {
        return active && roles.contains(role) && !suppressed.contains(role);
    }

    private static Set<String> rolesOf(FrameworkInfo info) {
        boolean multiRole = info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
        if (multiRole) {
            return new LinkedHashSet<>(info.getRolesList());
        }
        return Set.of(info.hasRole() ? info.getRole() : "*");
    }
}
