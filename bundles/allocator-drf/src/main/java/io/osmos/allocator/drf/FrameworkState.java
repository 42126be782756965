package io.osmos.allocator.drf;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.FrameworkInfo.Capability.Type;

/** A framework as the allocator sees it: its roles, capabilities, and whether it wants offers per role. */
final class FrameworkState {

    final FrameworkID frameworkId;
    private FrameworkInfo info;
    private Set<String> roles;
    private Set<Type> capabilities;
    private final Set<String> suppressed = new LinkedHashSet<>();
    private boolean active;

    FrameworkState(FrameworkID frameworkId, FrameworkInfo info, boolean active, Set<String> suppressedRoles) {
        this.frameworkId = frameworkId;
        this.active = active;
        update(info, suppressedRoles);
    }

    void update(FrameworkInfo newInfo, Set<String> suppressedRoles) {
        this.info = newInfo;
        Set<Type> types = EnumSet.noneOf(Type.class);
        newInfo.getCapabilitiesList().forEach(c -> types.add(c.getType()));
        this.capabilities = types;
        this.roles = types.contains(Type.MULTI_ROLE) ? new LinkedHashSet<>(newInfo.getRolesList())
                : Set.of(newInfo.getRole());
        suppressed.clear();
        suppressed.addAll(suppressedRoles);
    }

    String id() {
        return frameworkId.getValue();
    }

    FrameworkInfo info() {
        return info;
    }

    Set<String> roles() {
        return roles;
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

    /** Whether the framework is to be offered resources for {@code role} now. */
    boolean wants(String role) {
        return active && roles.contains(role) && !suppressed.contains(role);
    }

    void suppress(Set<String> which) {
        suppressed.addAll(which);
    }

    void unsuppress(Set<String> which) {
        suppressed.removeAll(which);
    }

    /** The role of resources handed back without allocation info: the framework's first role. */
    String defaultRole() {
        return roles.isEmpty() ? "*" : roles.iterator().next();
    }
}
