package io.osmos.master.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonGenerator;

import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;

/**
 * The pieces of Mesos' v0 JSON model ({@code src/common/http.cpp}): resources flattened into
 * {@code {"cpus":1.0,"mem":128.0,"disk":0.0,"gpus":0.0,"ports":"[31000-32000]"}}, tasks with their
 * statuses and labels. Written with a Jackson generator, never through an object tree.
 */
final class V0Json {

    private V0Json() {
    }

    /** Flattened resources under a field name: scalars summed, ranges and sets in Mesos' text form. */
    static void resources(JsonGenerator g, String field, Iterable<Resource> resources) throws IOException {
        Map<String, Double> scalars = new TreeMap<>(Map.of("cpus", 0.0, "mem", 0.0, "disk", 0.0, "gpus", 0.0));
        Map<String, List<Value.Range>> ranges = new TreeMap<>();
        Map<String, TreeSet<String>> sets = new TreeMap<>();
        for (Resource resource : resources) {
            switch (resource.getType()) {
                case SCALAR -> scalars.merge(resource.getName(), resource.getScalar().getValue(), Double::sum);
                case RANGES -> ranges.computeIfAbsent(resource.getName(), n -> new ArrayList<>())
                        .addAll(resource.getRanges().getRangeList());
                case SET -> sets.computeIfAbsent(resource.getName(), n -> new TreeSet<>())
                        .addAll(resource.getSet().getItemList());
                default -> { }
            }
        }
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Double> scalar : scalars.entrySet()) {
            number(g, scalar.getKey(), scalar.getValue());
        }
        for (Map.Entry<String, List<Value.Range>> range : ranges.entrySet()) {
            g.writeStringField(range.getKey(), ranges(range.getValue()));
        }
        for (Map.Entry<String, TreeSet<String>> set : sets.entrySet()) {
            g.writeStringField(set.getKey(), "{" + String.join(",", set.getValue()) + "}");
        }
        g.writeEndObject();
    }

    private static String ranges(List<Value.Range> ranges) {
        List<Value.Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.getBegin(), b.getBegin()));
        StringBuilder text = new StringBuilder("[");
        for (Value.Range range : sorted) {
            text.append(text.length() > 1 ? ", " : "").append(range.getBegin()).append('-').append(range.getEnd());
        }
        return text.append(']').toString();
    }

    /** A number, or "Infinity" as Mesos writes an unlimited limit. */
    static void number(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        MesosJson.writeDouble(value, g);
    }

    static void task(JsonGenerator g, Task task, String role) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", task.getTaskId().getValue());
        g.writeStringField("name", task.getName());
        g.writeStringField("framework_id", task.getFrameworkId().getValue());
        g.writeStringField("executor_id", task.hasExecutorId() ? task.getExecutorId().getValue() : "");
        g.writeStringField("slave_id", task.getAgentId().getValue());
        g.writeStringField("state", task.getState().name());
        resources(g, "resources", task.getResourcesList());
        if (task.getLimitsCount() > 0) {
            g.writeObjectFieldStart("limits");
            for (Map.Entry<String, Value.Scalar> limit : new TreeMap<>(task.getLimitsMap()).entrySet()) {
                number(g, limit.getKey(), limit.getValue().getValue());
            }
            g.writeEndObject();
        }
        if (role != null) {
            g.writeStringField("role", role);
        }
        g.writeArrayFieldStart("statuses");
        for (TaskStatus status : task.getStatusesList()) {
            status(g, status);
        }
        g.writeEndArray();
        if (task.hasLabels()) {
            g.writeArrayFieldStart("labels");
            for (Label label : task.getLabels().getLabelsList()) {
                g.writeStartObject();
                g.writeStringField("key", label.getKey());
                if (label.hasValue()) {
                    g.writeStringField("value", label.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void status(JsonGenerator g, TaskStatus status) throws IOException {
        g.writeStartObject();
        g.writeStringField("state", status.getState().name());
        g.writeNumberField("timestamp", status.getTimestamp());
        if (status.hasContainerStatus() && status.getContainerStatus().hasContainerId()) {
            g.writeObjectFieldStart("container_status");
            g.writeObjectFieldStart("container_id");
            g.writeStringField("value", status.getContainerStatus().getContainerId().getValue());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
