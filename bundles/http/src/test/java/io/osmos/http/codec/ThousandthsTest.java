package io.osmos.http.codec;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonGenerator;

import org.junit.Test;

public class ThousandthsTest {

    @Test
    public void wholeThousandthsReadAsTheGeneralWriterWritesThem() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(10_000_000_000L);
            double value = (i % 2 == 0 ? 1 : -1) * millis / 1000.0;
            assertSameText(value);
        }
        for (double value : new double[] {0.0, 0.001, 0.1, 0.25, 1, 5, 9_999_999.999, 1e7, 0.0009, 123.456,
                1024, 0.1 + 0.2, 1.0 / 3, -0.0, Double.MIN_VALUE, 3.5e-3, 1.5, 12345.6}) {
            assertSameText(value);
        }
    }

    @Test
    public void leavesOtherValuesToTheGeneralWriter() {
        char[] text = new char[24];
        assertEquals(-1, Thousandths.format(1.0 / 3, text));
        assertEquals(-1, Thousandths.format(1e7, text));
        assertEquals(-1, Thousandths.format(0.0001, text));
        assertEquals(-1, Thousandths.format(-0.0, text));
        assertEquals(-1, Thousandths.format(Double.NaN, text));
        assertEquals(-1, Thousandths.format(Double.POSITIVE_INFINITY, text));
    }

    private static void assertSameText(double value) throws IOException {
        assertEquals("for " + value, general(value), fast(value));
    }

    private static String general(double value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MesosJson.FACTORY.createGenerator(out)) {
            g.writeNumber(value);
        }
        return out.toString();
    }

    private static String fast(double value) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MesosJson.FACTORY.createGenerator(out)) {
            MesosJson.writeDouble(value, g);
        }
        return out.toString();
    }
}
