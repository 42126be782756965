package io.osmos.executor;

import java.time.Duration;
import java.util.Locale;

/** Mesos duration strings ({@code 500ms}, {@code 30secs}, {@code 1.5mins}...), as the agent writes them. */
final class Durations {

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a number followed by a Mesos unit
     */
    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < value.length() && (Character.isDigit(value.charAt(split)) || value.charAt(split) == '.')) {
            split++;
        }
        if (split == 0 || split == value.length()) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        double amount;
        try {
            amount = Double.parseDouble(value.substring(0, split));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "'", e);
        }
        double nanos = amount * unitNanos(value.substring(split).trim(), text);
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double unitNanos(String unit, String text) {
        switch (unit) {
            case "ns": return 1;
            case "us": return 1e3;
            case "ms": return 1e6;
            case "secs": return 1e9;
            case "mins": return 60e9;
            case "hrs": return 3600e9;
            case "days": return 86400e9;
            case "weeks": return 7 * 86400e9;
            default: throw new IllegalArgumentException("unknown duration unit in '" + text + "'");
        }
    }
}
