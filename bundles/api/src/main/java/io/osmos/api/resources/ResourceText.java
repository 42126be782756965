package io.osmos.api.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * Reads and writes the Mesos agent resources notation: {@code name(role):value} entries separated
 * by {@code ;}, where a value is a scalar ({@code 4.5}), ranges ({@code [31000-32000,33000]}) or a
 * set ({@code {a,b}}). A role other than {@code *} makes the entry a static reservation for it.
 */
final class ResourceText {

    /** Plain decimal numbers only: Java would also take "4d", "NaN" or hexadecimal. */
    private static final Pattern NUMBER = Pattern.compile("\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("[^\\s();:\\[\\]{},]+");

    private ResourceText() {
    }

    static List<Resource> parse(String text) {
        List<Resource> resources = new ArrayList<>();
        if (text == null) {
            return resources;
        }
        for (String entry : text.split(";")) {
            if (!entry.isBlank()) {
                resources.add(entry(entry.trim()));
            }
        }
        return resources;
    }

    private static Resource entry(String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw bad(entry, "expecting name:value");
        }
        String key = entry.substring(0, colon).trim();
        String value = entry.substring(colon + 1).trim();
        Resource.Builder resource = Resource.newBuilder();
        int paren = key.indexOf('(');
        if (paren >= 0) {
            if (!key.endsWith(")") || key.indexOf(')') != key.length() - 1) {
                throw bad(entry, "expecting name(role)");
            }
            String role = key.substring(paren + 1, key.length() - 1).trim();
            key = key.substring(0, paren).trim();
            Roles.problem(role).ifPresent(problem -> {
                throw bad(entry, problem);
            });
            if (!role.equals(Roles.ANY)) {
                resource.addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.STATIC).setRole(role));
            }
        } else if (key.indexOf(')') >= 0) {
            throw bad(entry, "expecting name(role)");
        }
        if (!NAME.matcher(key).matches()) {
            throw bad(entry, key.isEmpty() ? "empty name" : "invalid name '" + key + "'");
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
        if (!NUMBER.matcher(value).matches()) {
            throw bad(entry, "'" + value + "' is not a non-negative number");
        }
        double number = Double.parseDouble(value);
        if (Double.isInfinite(number)) {
            throw bad(entry, "'" + value + "' is too large");
        }
        return number;
    }

    private static Value.Ranges ranges(String entry, String value) {
        if (!value.endsWith("]")) {
            throw bad(entry, "ranges must end with ']'");
        }
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (String part : value.substring(1, value.length() - 1).split(",", -1)) {
            String range = part.trim();
            if (range.isEmpty()) {
                continue;
            }
            String[] bounds = range.split("-", -1);
            if (bounds.length > 2) {
                throw bad(entry, "bad range '" + range + "'");
            }
            long begin = bound(entry, range, bounds[0]);
            long end = bounds.length == 2 ? bound(entry, range, bounds[1]) : begin;
            if (end < begin) {
                throw bad(entry, "bad range '" + range + "': end before begin");
            }
            ranges.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end));
        }
        return ranges.build();
    }

    private static long bound(String entry, String range, String text) {
        try {
            long bound = Long.parseLong(text.trim());
            if (bound < 0) {
                throw bad(entry, "bad range '" + range + "'");
            }
            return bound;
        } catch (NumberFormatException e) {
            throw bad(entry, "bad range '" + range + "'");
        }
    }

    private static Value.Set set(String entry, String value) {
        if (!value.endsWith("}")) {
            throw bad(entry, "a set must end with '}'");
        }
        Value.Set.Builder set = Value.Set.newBuilder();
        for (String item : value.substring(1, value.length() - 1).split(",")) {
            if (!item.isBlank()) {
                set.addItem(item.trim());
            }
        }
        return set.build();
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException("Bad resource '" + entry + "': " + why);
    }

    static String format(Iterable<Resource> resources) {
        StringJoiner out = new StringJoiner(";");
        for (Resource resource : resources) {
            out.add(format(resource));
        }
        return out.toString();
    }

    static String format(Resource resource) {
        StringBuilder out = new StringBuilder(resource.getName());
        if (resource.getReservationsCount() > 0) {
            out.append('(').append(resource.getReservations(resource.getReservationsCount() - 1).getRole()).append(')');
        }
        out.append(':');
        switch (resource.getType()) {
            case SCALAR -> out.append(scalar(resource.getScalar().getValue()));
            case RANGES -> {
                StringJoiner ranges = new StringJoiner(",", "[", "]");
                resource.getRanges().getRangeList().forEach(r -> ranges.add(r.getBegin() + "-" + r.getEnd()));
                out.append(ranges);
            }
            case SET -> out.append('{').append(String.join(",", resource.getSet().getItemList())).append('}');
            default -> out.append('?');
        }
        return out.toString();
    }

    /** At most three decimals, no exponent, no trailing zeros: {@code 4}, {@code 0.5}, {@code 12345678.25}. */
    static String scalar(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
