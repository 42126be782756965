package io.osmos.http.impl;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.osmos.http.api.Route;
import io.osmos.http.api.RouteHandler;

/**
 * The routes whose contributor left in the last moments. A module being updated takes its routes
 * away and its successor brings them back a few hundred milliseconds later; a request arriving in
 * between is held until they are back (or the hand-over time is up) instead of getting a 404 that
 * would tell the client the endpoint does not exist.
 */
final class DepartedRoutes {

    private record Key(String path, boolean prefix) {
    }

    private record Departure(Route route, long untilNanos) {
    }

    private static final RouteHandler NO_HANDLER = (request, body) -> { };

    private final long handoverNanos;
    private final Map<Key, Departure> departures = new ConcurrentHashMap<>();

    DepartedRoutes(long handoverNanos) {
        this.handoverNanos = handoverNanos;
    }

    void departed(List<Route> routes) {
        long until = System.nanoTime() + handoverNanos;
        for (Route route : routes) {
            // Kept without its handler, so that the departed module's classes are not held on to.
            Route bare = new Route(route.path(), route.prefix(), NO_HANDLER);
            departures.put(new Key(route.path(), route.prefix()), new Departure(bare, until));
        }
    }

    void arrived(List<Route> routes) {
        for (Route route : routes) {
            departures.remove(new Key(route.path(), route.prefix()));
        }
    }

    /** When the hand-over of a departed route serving this path ends (in System.nanoTime), if one is under way. */
    OptionalLong handoverEnd(String requestPath) {
        long now = System.nanoTime();
        OptionalLong end = OptionalLong.empty();
        for (Map.Entry<Key, Departure> entry : departures.entrySet()) {
            Departure departure = entry.getValue();
            if (departure.untilNanos() - now <= 0) {
                departures.remove(entry.getKey(), departure);
            } else if (departure.route().matches(requestPath)
                    && (end.isEmpty() || departure.untilNanos() - end.getAsLong() > 0)) {
                end = OptionalLong.of(departure.untilNanos());
            }
        }
        return end;
    }
}
