package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * Reads and writes the Mesos agent resources notation: {@code name(role):value} entries separated by
 * {@code ;}, where a value is a scalar ({@code 4.5}), ranges ({@code [31000-32000,33000-33010]})
 * or a set ({@code {a,b}}); a role makes the entry a static reservation for that role.
 */
final class ResourceText {

    private ResourceText() {
    }

    static List<Resource> parse(String text) {
        List<Resource> resources = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return resources;
        }
        for (String entry : text.split(";")) {
            if (!entry.isBlank()) {
                resources.add(parseEntry(entry.trim()));
            }
        }
        return resources;
    }

    private static Resource parseEntry(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Bad resource '" + entry + "': expecting name:value");
        }
        String key = entry.substring(0, colon).trim();
        String value = entry.substring(colon + 1).trim();
        Resource.Builder resource = Resource.newBuilder();
        int paren = key.indexOf('(');
        if (paren >= 0) {
            if (!key.endsWith(")")) {
                throw new IllegalArgumentException("Bad resource '" + entry + "': unbalanced '(' in the role");
            }
            String role = key.substring(paren + 1, key.length() - 1).trim();
            key = key.substring(0, paren).trim();
            if (!role.isEmpty() && !role.equals("*")) {
                resource.addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.STATIC).setRole(role));
            }
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Bad resource '" + entry + "': empty name");
        }
        resource.setName(key);
        if (value.startsWith("[")) {
            resource.setType(Value.Type.RANGES).setRanges(ranges(entry, value));
        } else if (value.startsWith("{")) {
            resource.setType(Value.Type.SET).setSet(set(entry, value));
        } else {
            resource.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(scalar(entry, value)));
        }
        return resource.build();
    }

    private static double scalar(String entry, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Bad resource '" + entry + "': a quantity must be finite and >= 0");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad resource '" + entry + "': '" + value + "' is not a number", e);
        }
    }

    private static Value.Ranges ranges(String entry, String value) {
        if (!value.endsWith("]")) {
            throw new IllegalArgumentException("Bad resource '" + entry + "': ranges must end with ']'");
        }
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (String part : value.substring(1, value.length() - 1).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] bounds = part.trim().split("-");
            try {
                long begin = Long.parseLong(bounds[0].trim());
                long end = bounds.length > 1 ? Long.parseLong(bounds[1].trim()) : begin;
                if (bounds.length > 2 || end < begin) {
                    throw new IllegalArgumentException("Bad resource '" + entry + "': bad range '" + part + "'");
                }
                ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad resource '" + entry + "': bad range '" + part + "'", e);
            }
        }
        return ranges.build();
    }

    private static Value.Set set(String entry, String value) {
        if (!value.endsWith("}")) {
            throw new IllegalArgumentException("Bad resource '" + entry + "': a set must end with '}'");
        }
        Value.Set.Builder set = Value.Set.newBuilder();
        for (String item : value.substring(1, value.length() - 1).split(",")) {
            if (!item.isBlank()) {
                set.addItem(item.trim());
            }
        }
        return set.build();
    }

    static String format(Iterable<Resource> resources) {
        return java.util.stream.StreamSupport.stream(resources.spliterator(), false).map(ResourceText::format).collect(Collectors.joining(";"));
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
