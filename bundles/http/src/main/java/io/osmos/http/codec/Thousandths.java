package io.osmos.http.codec;

/**
 * Text of doubles that are whole thousandths, which is what nearly every number in a Mesos state
 * is (resources are fixed point with three decimals; ids and counts are whole), written without
 * the general shortest-decimal search. The text is exactly {@link Double#toString(double)}'s.
 */
final class Thousandths {

    /** {@code Double.toString} switches to scientific notation from here on. */
    private static final double PLAIN_LIMIT = 1e7;
    /** ... and below this. */
    private static final double PLAIN_FLOOR = 1e-3;

    private Thousandths() {
    }

    /**
     * Writes {@code value} into {@code out} from 0 and returns the length, or -1 when the value is
     * not a whole number of thousandths in the range written without an exponent (then use the
     * general writer). {@code out} must hold 24 chars.
     */
    static int format(double value, char[] out) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= PLAIN_FLOOR && magnitude < PLAIN_LIMIT)) {
            return value == 0 && Double.doubleToRawLongBits(value) == 0 ? zero(out) : -1;
        }
        long millis = Math.round(magnitude * 1000);
        // Only when the double is exactly the nearest double to millis/1000 is that decimal its shortest text.
        if (millis / 1000.0 != magnitude) {
            return -1;
        }
        int at = 0;
        if (value < 0) {
            out[at++] = '-';
        }
        at = digits(millis / 1000, out, at);
        out[at++] = '.';
        int fraction = (int) (millis % 1000);
        if (fraction == 0) {
            out[at++] = '0';
            return at;
        }
        out[at++] = (char) ('0' + fraction / 100);
        if (fraction % 100 != 0) {
            out[at++] = (char) ('0' + fraction / 10 % 10);
            if (fraction % 10 != 0) {
                out[at++] = (char) ('0' + fraction % 10);
            }
        }
        return at;
    }

    private static int zero(char[] out) {
        out[0] = '0';
        out[1] = '.';
        out[2] = '0';
        return 3;
    }

    private static int digits(long whole, char[] out, int at) {
        if (whole == 0) {
            out[at] = '0';
            return at + 1;
        }
        int length = 0;
        for (long rest = whole; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (char) ('0' + whole % 10);
            whole /= 10;
        }
        return at + length;
    }
}
