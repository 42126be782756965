package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

/** Arithmetic on the value of one resource (scalar, ranges or set); the rest of it is its identity. */
final class Values {

    private static final double SCALE = 1000;

    private Values() {
    }

    static double round(double value) {
        return Math.round(value * SCALE) / SCALE;
    }

    static Resource identity(Resource resource) {
        return resource.toBuilder().clearScalar().clearRanges().clearSet().build();
    }

    static Resource normalize(Resource resource) {
        return switch (resource.getType()) {
            case SCALAR -> resource.toBuilder().setScalar(scalar(round(resource.getScalar().getValue()))).build();
            case RANGES -> resource.toBuilder().setRanges(ranges(coalesce(intervals(resource)))).build();
            case SET -> resource.toBuilder().setSet(Value.Set.newBuilder()
                    .addAllItem(new LinkedHashSet<>(resource.getSet().getItemList()))).build();
            default -> resource;
        };
    }

    static boolean isEmpty(Resource resource) {
        return switch (resource.getType()) {
            case SCALAR -> resource.getScalar().getValue() <= 0;
            case RANGES -> resource.getRanges().getRangeCount() == 0;
            case SET -> resource.getSet().getItemCount() == 0;
            default -> false;
        };
    }

    static Resource add(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> a.toBuilder().setScalar(scalar(round(a.getScalar().getValue() + b.getScalar().getValue())))
                    .build();
            case RANGES -> {
                List<long[]> all = intervals(a);
                all.addAll(intervals(b));
                yield a.toBuilder().setRanges(ranges(coalesce(all))).build();
            }
            case SET -> {
                Set<String> items = new LinkedHashSet<>(a.getSet().getItemList());
                items.addAll(b.getSet().getItemList());
                yield a.toBuilder().setSet(Value.Set.newBuilder().addAllItem(items)).build();
            }
            default -> a;
        };
    }

    static Resource subtract(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> a.toBuilder().setScalar(scalar(Math.max(0, round(a.getScalar().getValue()
                    - b.getScalar().getValue())))).build();
            case RANGES -> a.toBuilder().setRanges(ranges(without(intervals(a), intervals(b)))).build();
            case SET -> {
                Set<String> items = new LinkedHashSet<>(a.getSet().getItemList());
                items.removeAll(b.getSet().getItemList());
                yield a.toBuilder().setSet(Value.Set.newBuilder().addAllItem(items)).build();
            }
            default -> a;
        };
    }

    static boolean contains(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> round(a.getScalar().getValue() - b.getScalar().getValue()) >= 0;
            case RANGES -> without(intervals(b), intervals(a)).isEmpty();
            case SET -> a.getSet().getItemList().containsAll(b.getSet().getItemList());
            default -> a.equals(b);
        };
    }

    private static Value.Scalar scalar(double value) {
        return Value.Scalar.newBuilder().setValue(value).build();
    }

    private static List<long[]> intervals(Resource resource) {
        List<long[]> list = new ArrayList<>();
        for (Value.Range range : resource.getRanges().getRangeList()) {
            list.add(new long[] {range.getBegin(), range.getEnd()});
        }
        return list;
    }

    private static List<long[]> coalesce(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] next : sorted) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && next[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], next[1]);
            } else {
                out.add(new long[] {next[0], next[1]});
            }
        }
        return out;
    }

    /** {@code from} minus {@code taken}, as coalesced intervals. */
    private static List<long[]> without(List<long[]> from, List<long[]> taken) {
        List<long[]> rest = coalesce(from);
        for (long[] cut : coalesce(taken)) {
            List<long[]> next = new ArrayList<>();
            for (long[] piece : rest) {
                if (cut[1] < piece[0] || cut[0] > piece[1]) {
                    next.add(piece);
                    continue;
                }
                if (piece[0] < cut[0]) {
                    next.add(new long[] {piece[0], cut[0] - 1});
                }
                if (piece[1] > cut[1]) {
                    next.add(new long[] {cut[1] + 1, piece[1]});
                }
            }
            rest = next;
        }
        return rest;
    }

    private static Value.Ranges ranges(List<long[]> intervals) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (long[] interval : intervals) {
            ranges.addRange(Value.Range.newBuilder().setBegin(interval[0]).setEnd(interval[1]));
        }
        return ranges.build();
    }
}
