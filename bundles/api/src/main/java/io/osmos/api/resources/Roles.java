package io.osmos.api.resources;

/** Role names and their hierarchy ({@code a/b/c} is a child of {@code a/b}). */
public final class Roles {

    private Roles() {
    }

    /** Whether {@code ancestor} is {@code role} itself or one of its ancestors; {@code *} is nobody's ancestor but its own. */
    public static boolean isAncestorOrSelf(String ancestor, String role) {
        if (ancestor.equals(role)) {
            return true;
        }
        return !ancestor.equals("*") && role.startsWith(ancestor + "/");
    }
}
