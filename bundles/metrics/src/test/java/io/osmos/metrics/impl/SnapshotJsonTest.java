package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.junit.Test;

public class SnapshotJsonTest {

    @Test
    public void theBytesParseBackToTheSameValuesInOrder() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("allocator/mesos/allocation_runs").add(12);
        registry.gauge("master/tasks_running", () -> 3);
        registry.gauge("system/load_1min", () -> 0.125);
        registry.gauge("osmos/jvm/heap_used_bytes", () -> 123_456_789_012.0);

        Map<String, Double> parsed = parse(SnapshotJson.write(registry.samples()));

        assertEquals(registry.snapshot(), parsed);
        assertEquals(List.copyOf(registry.snapshot().keySet()), List.copyOf(parsed.keySet()));
    }

    @Test
    public void anEmptySnapshotIsAnEmptyObject() {
        assertEquals("{}", new String(SnapshotJson.write(List.of()), StandardCharsets.UTF_8));
    }

    @Test
    public void wholeNumbersAreWrittenAsMesosWritesThem() {
        List<MetricSample> samples = List.of(new MetricSample("a", MetricSample.Kind.GAUGE, 83_886_080),
                new MetricSample("b", MetricSample.Kind.GAUGE, 1.88), new MetricSample("c", MetricSample.Kind.COUNTER, 0),
                new MetricSample("d", MetricSample.Kind.GAUGE, -3), new MetricSample("e", MetricSample.Kind.GAUGE, 1e20),
                new MetricSample("f", MetricSample.Kind.GAUGE, Double.NaN));
        assertEquals("{\"a\":83886080.0,\"b\":1.88,\"c\":0.0,\"d\":-3.0,\"e\":1.0E20,\"f\":\"NaN\"}",
                new String(SnapshotJson.write(samples), StandardCharsets.UTF_8));
    }

    @Test
    public void namesAreEscaped() throws IOException {
        byte[] json = SnapshotJson.write(List.of(new MetricSample("a\"b\\c", MetricSample.Kind.GAUGE, 1)));
        assertEquals(Map.of("a\"b\\c", 1.0), parse(json));
    }

    static Map<String, Double> parse(byte[] json) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                parser.nextToken();
                values.put(name, parser.getDoubleValue());
            }
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals(null, parser.nextToken());
        }
        return values;
    }
}
