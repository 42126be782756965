package io.osmos.metrics.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** The body of {@code /metrics/snapshot}: one flat JSON object of name to value, as libprocess writes it. */
final class SnapshotJson {

    private static final JsonFactory JSON = new JsonFactory();
    /** Mesos prints 15 significant digits, so larger whole numbers get an exponent there too. */
    private static final double WHOLE_LIMIT = 1e15;

    private SnapshotJson() {
    }

    /**
     * Whole numbers are written as Mesos writes them ({@code 83886080.0}, not {@code 8.388608E7});
     * non-finite values become the strings {@code "NaN"} or {@code "Infinity"}: JSON has no such numbers.
     */
    static byte[] write(List<MetricSample> samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * samples.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (MetricSample sample : samples) {
                json.writeFieldName(sample.name());
                writeValue(json, sample.value());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator json, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < WHOLE_LIMIT) {
            json.writeNumber((long) value + ".0");
        } else {
            json.writeNumber(value);
        }
    }
}
