package io.osmos.agent.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.osmos.http.codec.MesosJson;

/** The v0 {@code /monitor/statistics} body: one object per executor, with its container's statistics. */
final class MonitorJson {

    private static final JsonFactory JSON = new JsonFactory();

    private MonitorJson() {
    }

    static byte[] write(List<ContainerStatistics.Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (ContainerStatistics.Entry entry : entries) {
                g.writeStartObject();
                g.writeStringField("executor_id", entry.run().executorId());
                g.writeStringField("executor_name", entry.run().info.getName());
                g.writeStringField("framework_id", entry.run().frameworkId());
                g.writeStringField("source", entry.run().info.getSource());
                g.writeFieldName("statistics");
                MesosJson.write(entry.statistics(), g);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
