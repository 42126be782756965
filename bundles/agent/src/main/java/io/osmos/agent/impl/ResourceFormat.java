package io.osmos.agent.impl;

import java.util.List;
import java.util.stream.Collectors;

import io.osmos.proto.v1.Resource;

/** Writes resources back in the Mesos notation {@link ResourceParser} reads, for logs and flags. */
final class ResourceFormat {

    private ResourceFormat() {
    }

    static String format(List<Resource> resources) {
        return resources.stream().map(ResourceFormat::format).collect(Collectors.joining(";"));
    }

    static String format(Resource resource) {
        StringBuilder out = new StringBuilder(resource.getName());
        if (resource.getReservationsCount() > 0) {
            out.append('(').append(resource.getReservations(resource.getReservationsCount() - 1).getRole()).append(')');
        }
        out.append(':');
        switch (resource.getType()) {
            case SCALAR -> out.append(scalar(resource.getScalar().getValue()));
            case RANGES -> out.append(resource.getRanges().getRangeList().stream()
                    .map(r -> r.getBegin() + "-" + r.getEnd()).collect(Collectors.joining(",", "[", "]")));
            case SET -> out.append(resource.getSet().getItemList().stream().collect(Collectors.joining(",", "{", "}")));
            default -> out.append('?');
        }
        return out.toString();
    }

    private static String scalar(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

}
