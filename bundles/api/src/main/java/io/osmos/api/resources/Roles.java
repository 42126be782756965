package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Role names and their hierarchy: {@code a/b/c} is a child of {@code a/b}, which is a child of
 * {@code a}. The role {@code *} (anyone) stands alone: it is no one's parent or child.
 */
public final class Roles {

    /** The default role: unreserved resources, frameworks that name no role. */
    public static final String ANY = "*";

    private Roles() {
    }

    /** Whether {@code ancestor} is {@code role} itself or one of its ancestors. */
    public static boolean isAncestorOrSelf(String ancestor, String role) {
        return ancestor.equals(role) || isStrictAncestor(ancestor, role);
    }

    /** Whether {@code role} lies strictly below {@code ancestor}: {@code a} for {@code a/b}, not for {@code ab}. */
    public static boolean isStrictAncestor(String ancestor, String role) {
        return role.length() > ancestor.length() + 1 && role.charAt(ancestor.length()) == '/'
                && role.startsWith(ancestor) && !ancestor.equals(ANY);
    }

    /** The parent of {@code a/b} is {@code a}; a top-level role has none. */
    public static Optional<String> parent(String role) {
        int slash = role.lastIndexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(role.substring(0, slash));
    }

    /** {@code a/b/c} gives {@code [a/b/c, a/b, a]}: the role first, the top-level role last. */
    public static List<String> selfAndAncestors(String role) {
        List<String> path = new ArrayList<>();
        path.add(role);
        for (int slash = role.lastIndexOf('/'); slash > 0; slash = role.lastIndexOf('/', slash - 1)) {
            path.add(role.substring(0, slash));
        }
        return path;
    }

    public static boolean isValid(String role) {
        return problem(role).isEmpty();
    }

    /** @throws IllegalArgumentException naming the role and what is wrong with it */
    public static String validate(String role) {
        Optional<String> problem = problem(role);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return role;
    }

    /**
     * What is wrong with a role name under Mesos' rules, if anything. A role must be usable as a
     * directory name on every path component: no empty component (so no leading, trailing or double
     * slash), no {@code .} or {@code ..}, no leading {@code -}, no whitespace, control characters or
     * backslash, and {@code *} only as the whole name.
     */
    public static Optional<String> problem(String role) {
        if (role == null || role.isEmpty()) {
            return Optional.of("Role name must not be empty");
        }
        if (role.equals(ANY)) {
            return Optional.empty();
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return Optional.of("Role '" + role + "' must not start or end with '/'");
        }
        for (int i = 0; i < role.length(); i++) {
            char c = role.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                return Optional.of("Role '" + role + "' must not contain whitespace, control characters or '\\'");
            }
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty()) {
                return Optional.of("Role '" + role + "' must not contain an empty path component ('//')");
            }
            if (part.equals(".") || part.equals("..")) {
                return Optional.of("Role '" + role + "' must not contain '" + part + "' as a path component");
            }
            if (part.equals(ANY)) {
                return Optional.of("Role '" + role + "' may use '*' only as the whole role name");
            }
            if (part.startsWith("-")) {
                return Optional.of("Role '" + role + "' has a path component starting with '-'");
            }
        }
        return Optional.empty();
    }
}
