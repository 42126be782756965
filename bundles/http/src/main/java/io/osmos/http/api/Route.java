package io.osmos.http.api;

import java.util.Objects;

/**
 * One path served by a {@link RouteHandler}: either exactly {@code path}, or, for a prefix route,
 * {@code path} and everything below it ({@code path + "/..."}).
 */
public record Route(String path, boolean prefix, RouteHandler handler) {

    public Route {
        Objects.requireNonNull(handler, "handler");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("A route path must start with '/': " + path);
        }
    }

    public static Route exact(String path, RouteHandler handler) {
        return new Route(path, false, handler);
    }

    public static Route prefix(String path, RouteHandler handler) {
        return new Route(path, true, handler);
    }

    /** Whether this route serves the given request path. */
    public boolean matches(String requestPath) {
        if (!prefix) {
            return path.equals(requestPath);
        }
        return requestPath.equals(path)
                || (requestPath.startsWith(path) && (path.endsWith("/") || requestPath.charAt(path.length()) == '/'));
    }
}
