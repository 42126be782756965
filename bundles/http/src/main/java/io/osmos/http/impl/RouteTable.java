package io.osmos.http.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.osmos.http.api.Route;

/**
 * An immutable snapshot of the routes of one server. Exact routes win over prefix routes, and a
 * longer prefix wins over a shorter one; among equal paths the contributor with the higher
 * service ranking (then the older service) wins.
 */
final class RouteTable {

    static final RouteTable EMPTY = new RouteTable(List.of());

    /** A route together with the ordering key of the service that contributed it. */
    record Entry(Route route, int ranking, long serviceId) {
    }

    private final List<Entry> entries;

    private RouteTable(List<Entry> entries) {
        this.entries = entries;
    }

    RouteTable with(List<Entry> added) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(added);
        all.sort(Comparator.comparing((Entry e) -> e.route().prefix())
                .thenComparing(e -> -e.route().path().length())
                .thenComparing(e -> -e.ranking())
                .thenComparingLong(Entry::serviceId));
        return new RouteTable(Collections.unmodifiableList(all));
    }

    RouteTable without(long serviceId) {
        List<Entry> kept = new ArrayList<>(entries);
        kept.removeIf(e -> e.serviceId() == serviceId);
        return new RouteTable(Collections.unmodifiableList(kept));
    }

    List<Route> routesOf(long serviceId) {
        return entries.stream().filter(e -> e.serviceId() == serviceId).map(Entry::route).toList();
    }

    Optional<Route> find(String path) {
        for (Entry entry : entries) {
            if (entry.route().matches(path)) {
                return Optional.of(entry.route());
            }
        }
        return Optional.empty();
    }

    int size() {
        return entries.size();
    }
}
