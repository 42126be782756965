package io.osmos.api.resources;

import java.util.Set;
import java.util.TreeSet;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/**
 * Arithmetic on the value of one resource (scalar, ranges or set); everything else about the
 * resource is its identity and is the same on both sides. Values are kept in normal form: scalars
 * rounded to three decimals, ranges sorted and coalesced, set items sorted and unique, so that
 * protobuf equality of normal resources is value equality.
 */
final class Values {

    /** Mesos keeps scalars in fixed point with three decimals. */
    private static final double SCALE = 1000;

    private Values() {
    }

    static long toMillis(double value) {
        return Math.round(value * SCALE);
    }

    static double fromMillis(long millis) {
        return millis / SCALE;
    }

    static double round(double value) {
        return fromMillis(toMillis(value));
    }

    /** The resource without its value: what decides whether two resources merge. */
    static Resource identity(Resource resource) {
        return resource.toBuilder().clearScalar().clearRanges().clearSet().build();
    }

    static Resource normalize(Resource resource) {
        return switch (resource.getType()) {
            case SCALAR -> withScalar(resource, toMillis(resource.getScalar().getValue()));
            case RANGES -> withRanges(resource, Intervals.of(resource.getRanges()));
            case SET -> withItems(resource, new TreeSet<>(resource.getSet().getItemList()));
            default -> resource;
        };
    }

    static boolean isEmpty(Resource resource) {
        return switch (resource.getType()) {
            case SCALAR -> toMillis(resource.getScalar().getValue()) <= 0;
            case RANGES -> resource.getRanges().getRangeCount() == 0;
            case SET -> resource.getSet().getItemCount() == 0;
            default -> false;
        };
    }

    static Resource add(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> withScalar(a, millis(a) + millis(b));
            case RANGES -> withRanges(a, Intervals.of(a.getRanges()).union(Intervals.of(b.getRanges())));
            case SET -> {
                Set<String> items = new TreeSet<>(a.getSet().getItemList());
                items.addAll(b.getSet().getItemList());
                yield withItems(a, items);
            }
            default -> a;
        };
    }

    /** {@code a} without {@code b}, never below nothing. */
    static Resource subtract(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> withScalar(a, Math.max(0, millis(a) - millis(b)));
            case RANGES -> withRanges(a, Intervals.of(a.getRanges()).minus(Intervals.of(b.getRanges())));
            case SET -> {
                Set<String> items = new TreeSet<>(a.getSet().getItemList());
                items.removeAll(b.getSet().getItemList());
                yield withItems(a, items);
            }
            default -> a;
        };
    }

    static boolean contains(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> millis(a) >= millis(b);
            case RANGES -> Intervals.of(a.getRanges()).contains(Intervals.of(b.getRanges()));
            case SET -> Set.copyOf(a.getSet().getItemList()).containsAll(b.getSet().getItemList());
            default -> a.equals(b);
        };
    }

    static Resource withScalar(Resource resource, long millis) {
        return resource.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(fromMillis(millis))).build();
    }

    private static long millis(Resource resource) {
        return toMillis(resource.getScalar().getValue());
    }

    private static Resource withRanges(Resource resource, Intervals intervals) {
        return resource.toBuilder().setRanges(intervals.toRanges()).build();
    }

    private static Resource withItems(Resource resource, Set<String> items) {
        return resource.toBuilder().setSet(Value.Set.newBuilder().addAllItem(items)).build();
    }
}
