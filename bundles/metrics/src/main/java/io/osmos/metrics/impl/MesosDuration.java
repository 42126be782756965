package io.osmos.metrics.impl;

import java.time.Duration;

/** Mesos (stout) duration strings: a number and a unit, {@code 500ms}, {@code 5secs}, {@code 1.5mins}. */
final class MesosDuration {

    private MesosDuration() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a duration; the message names the text or the unknown unit
     */
    static Duration parse(String text) {
        int index = 0;
        while (index < text.length() && (Character.isDigit(text.charAt(index)) || text.charAt(index) == '.')) {
            index++;
        }
        if (index == 0 || index == text.length()) {
            throw new IllegalArgumentException("Invalid duration '" + text + "'");
        }
        double amount;
        try {
            amount = Double.parseDouble(text.substring(0, index));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid duration '" + text + "'", e);
        }
        return Duration.ofNanos(Math.round(amount * nanosPer(text.substring(index))));
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "secs" -> 1e9;
            case "mins" -> 60e9;
            case "hrs" -> 3600e9;
            case "days" -> 86400e9;
            case "weeks" -> 7 * 86400e9;
            default -> throw new IllegalArgumentException("Unknown duration unit '" + unit + "'");
        };
    }
}
