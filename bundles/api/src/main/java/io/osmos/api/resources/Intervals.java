package io.osmos.api.resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.osmos.proto.v1.Value;

/** Inclusive integer intervals, sorted, disjoint and not touching: the normal form of a ranges value. */
final class Intervals {

    private record Interval(long begin, long end) {
    }

    private final List<Interval> list;

    private Intervals(List<Interval> list) {
        this.list = list;
    }

    static Intervals of(Value.Ranges ranges) {
        List<Interval> raw = new ArrayList<>();
        for (Value.Range range : ranges.getRangeList()) {
            if (range.getBegin() <= range.getEnd()) {
                raw.add(new Interval(range.getBegin(), range.getEnd()));
            }
        }
        return coalesce(raw);
    }

    private static Intervals coalesce(List<Interval> raw) {
        List<Interval> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparingLong(Interval::begin));
        List<Interval> out = new ArrayList<>();
        for (Interval next : sorted) {
            Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && touches(last, next)) {
                out.set(out.size() - 1, new Interval(last.begin, Math.max(last.end, next.end)));
            } else {
                out.add(next);
            }
        }
        return new Intervals(out);
    }

    private static boolean touches(Interval earlier, Interval later) {
        return later.begin <= earlier.end || (earlier.end != Long.MAX_VALUE && later.begin == earlier.end + 1);
    }

    Intervals union(Intervals other) {
        List<Interval> all = new ArrayList<>(list);
        all.addAll(other.list);
        return coalesce(all);
    }

    Intervals minus(Intervals other) {
        List<Interval> rest = list;
        for (Interval cut : other.list) {
            List<Interval> next = new ArrayList<>();
            for (Interval piece : rest) {
                if (cut.end < piece.begin || cut.begin > piece.end) {
                    next.add(piece);
                    continue;
                }
                if (piece.begin < cut.begin) {
                    next.add(new Interval(piece.begin, cut.begin - 1));
                }
                if (piece.end > cut.end) {
                    next.add(new Interval(cut.end + 1, piece.end));
                }
            }
            rest = next;
        }
        return new Intervals(rest);
    }

    boolean contains(Intervals other) {
        return other.minus(this).list.isEmpty();
    }

    Value.Ranges toRanges() {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (Interval interval : list) {
            ranges.addRange(Value.Range.newBuilder().setBegin(interval.begin).setEnd(interval.end));
        }
        return ranges.build();
    }
}
