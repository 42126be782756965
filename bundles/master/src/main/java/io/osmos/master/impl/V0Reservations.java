package io.osmos.master.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;

import io.osmos.api.resources.Resources;
import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.Resource;

/**
 * An agent's reservations in Mesos' v0 JSON ({@code src/master/http.cpp}, {@code Summary<Slave>} and
 * {@code Full<Slave>}): {@code reserved_resources} flattened by role (the role of each resource's
 * last reservation, as {@code Resources::reservations()} groups them) and {@code unreserved_resources};
 * in {@code /state} and {@code /slaves} also the {@code *_resources_full} fields, every resource
 * whole, in the endpoint format ({@code role} and {@code reservation} next to {@code reservations}).
 */
final class V0Reservations {

    private V0Reservations() {
    }

    /** {@code reserved_resources} then {@code unreserved_resources}, as Mesos writes them. */
    static void summary(JsonGenerator g, List<Resource> total) throws IOException {
        g.writeObjectFieldStart("reserved_resources");
        for (Map.Entry<String, Resources> role : byRole(total).entrySet()) {
            V0Json.resources(g, role.getKey(), role.getValue());
        }
        g.writeEndObject();
        V0Json.resources(g, "unreserved_resources", unreserved(total));
    }

    /** {@code reserved_resources_full}, {@code unreserved_resources_full}, {@code used_resources_full}, {@code offered_resources_full}. */
    static void full(JsonGenerator g, List<Resource> total, Resources used, Resources offered) throws IOException {
        g.writeObjectFieldStart("reserved_resources_full");
        for (Map.Entry<String, Resources> role : byRole(total).entrySet()) {
            array(g, role.getKey(), role.getValue());
        }
        g.writeEndObject();
        array(g, "unreserved_resources_full", unreserved(total));
        array(g, "used_resources_full", used);
        array(g, "offered_resources_full", offered);
    }

    /** Reserved resources by the role they are reserved to, in role order; most agents have none. */
    static Map<String, Resources> byRole(List<Resource> total) {
        Map<String, List<Resource>> grouped = new TreeMap<>();
        for (Resource resource : total) {
            if (resource.getReservationsCount() > 0) {
                grouped.computeIfAbsent(Resources.reservationRole(resource), role -> new ArrayList<>()).add(resource);
            }
        }
        if (grouped.isEmpty()) {
            return Map.of();
        }
        Map<String, Resources> byRole = new TreeMap<>();
        grouped.forEach((role, resources) -> byRole.put(role, Resources.of(resources)));
        return byRole;
    }

    private static Iterable<Resource> unreserved(List<Resource> total) {
        for (Resource resource : total) {
            if (resource.getReservationsCount() > 0) {
                return Resources.of(total).unreserved();
            }
        }
        return total;
    }

    private static void array(JsonGenerator g, String field, Iterable<Resource> resources) throws IOException {
        g.writeArrayFieldStart(field);
        for (Resource resource : ResourceFormats.endpoint(resources)) {
            MesosJson.write(resource, g);
        }
        g.writeEndArray();
    }
}
