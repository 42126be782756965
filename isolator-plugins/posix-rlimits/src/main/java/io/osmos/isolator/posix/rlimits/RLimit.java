package io.osmos.isolator.posix.rlimits;

import java.util.Locale;

/**
 * One resource limit to set: the resource (as {@code mesos.v1.RLimitInfo.RLimit.Type} names it,
 * without the {@code RLMT_} prefix) with its soft and hard values; {@link #UNLIMITED} is
 * RLIM_INFINITY.
 */
record RLimit(Type type, long soft, long hard) {

    static final long UNLIMITED = -1L;

    /** The resources this isolator sets, with their Linux (x86-64 and arm64) numbers. */
    enum Type {
        CORE(4), NPROC(6), NOFILE(7);

        final int resource;

        Type(int resource) {
            this.resource = resource;
        }
    }

    RLimit {
        if (soft != UNLIMITED && (soft < 0 || hard != UNLIMITED && soft > hard)) {
            throw new IllegalArgumentException("RLIMIT_" + type + ": the soft limit " + soft
                    + " must be at most the hard limit " + (hard == UNLIMITED ? "unlimited" : hard));
        }
        if (hard != UNLIMITED && hard < 0) {
            throw new IllegalArgumentException("RLIMIT_" + type + ": a limit is a number, 'unlimited' or empty");
        }
    }

    /**
     * Parses {@code soft[:hard]}, each a non-negative number or {@code unlimited}; the hard limit is the
     * soft one when left out. Empty means "leave as inherited" and gives {@code null}.
     */
    static RLimit parse(Type type, String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.isEmpty()) {
            return null;
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("RLIMIT_" + type + ": expecting soft[:hard], got '" + spec + "'");
        }
        long soft = value(type, parts[0]);
        long hard = parts.length == 2 ? value(type, parts[1]) : soft;
        return new RLimit(type, soft, hard);
    }

    private static long value(Type type, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("unlimited") || value.equals("infinity")) {
            return UNLIMITED;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RLIMIT_" + type + ": '" + text
                    + "' is neither a non-negative number nor 'unlimited'");
        }
    }

    @Override
    public String toString() {
        return "RLIMIT_" + type + "=" + show(soft) + ":" + show(hard);
    }

    private static String show(long value) {
        return value == UNLIMITED ? "unlimited" : Long.toString(value);
    }
}
