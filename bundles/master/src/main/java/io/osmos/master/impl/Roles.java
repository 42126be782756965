package io.osmos.master.impl;

import java.util.LinkedHashSet;
import java.util.Set;

import io.osmos.proto.v1.FrameworkInfo;

/** The roles a framework subscribes with, under Mesos' MULTI_ROLE rules. */
final class Roles {

    private Roles() {
    }

    static Set<String> of(FrameworkInfo info) {
        if (multiRole(info)) {
            return new LinkedHashSet<>(info.getRolesList());
        }
        return Set.of(info.hasRole() ? info.getRole() : "*");
    }

    static boolean multiRole(FrameworkInfo info) {
        return info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
    }

    /** Mesos' role name rules; null when valid, else why not. */
    static String invalid(String role) {
        if (role.isEmpty()) {
            return "Role name must not be empty";
        }
        if (role.equals("*")) {
            return null;
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.startsWith("-")) {
                return "Role '" + role + "' has an invalid path component '" + part + "'";
            }
            if (part.equals("*")) {
                return "Role '" + role + "' may not contain '*' as a path component";
            }
        }
        for (char c : role.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                return "Role '" + role + "' contains an invalid character";
            }
        }
        return null;
    }
}
