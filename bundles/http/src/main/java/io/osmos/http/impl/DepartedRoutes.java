package io.osmos.http.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.osmos.http.api.Route;

/**
 * The routes whose contributor left in the last moments. A module being updated takes its routes
 * away and its successor brings them back a few hundred milliseconds later; a request arriving in
 * between is held until they are back (or the hand-over time is up) instead of getting a 404 that
 * would tell the client the endpoint does not exist.
 */
final class DepartedRoutes {

    private record Key(String path, boolean prefix) {
    }

    private final long handoverNanos;
    private final Map<Key, Long> departedUntil = new ConcurrentHashMap<>();

    DepartedRoutes(long handoverNanos) {
        this.handoverNanos = handoverNanos;
    }

    void departed(List<Route> routes) {
        long until = System.nanoTime() + handoverNanos;
        for (Route route : routes) {
            departedUntil.put(new Key(route.path(), route.prefix()), until);
        }
    }

    void arrived(List<Route> routes) {
        for (Route route : routes) {
            departedUntil.remove(new Key(route.path(), route.prefix()));
        }
    }

    /** When the hand-over of the departed route serving this path ends (System.nanoTime), or -1 if none. */
    long handoverEnd(String requestPath) {
        long now = System.nanoTime();
        long end = -1;
        for (Map.Entry<Key, Long> entry : departedUntil.entrySet()) {
            Key key = entry.getKey();
            if (entry.getValue() - now <= 0) {
                departedUntil.remove(key, entry.getValue());
            } else if (new Route(key.path(), key.prefix(), (request, body) -> { }).matches(requestPath)) {
                end = Math.max(end, entry.getValue());
            }
        }
        return end;
    }
}
