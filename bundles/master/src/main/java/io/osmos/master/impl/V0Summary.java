package io.osmos.master.impl;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonGenerator;

import io.osmos.http.codec.DirectSerializer;
import io.osmos.proto.v1.TaskState;

/**
 * v0 {@code /state-summary}: agents and frameworks with their resources and, instead of tasks, how
 * many tasks each has in every state, plus which frameworks run on which agents.
 */
final class V0Summary {

    private final StateBodies view;
    private final Master master;
    private final V0State full;
    private final Map<String, Map<TaskState, Integer>> byAgent = new HashMap<>();
    private final Map<String, Map<TaskState, Integer>> byFramework = new HashMap<>();
    private final Map<String, Set<String>> frameworksOnAgent = new HashMap<>();
    private final Map<String, Set<String>> agentsOfFramework = new HashMap<>();

    V0Summary(StateBodies view) {
        this.view = view;
        this.master = view.master();
        this.full = new V0State(view);
        for (FrameworkRecord framework : view.frameworkList()) {
            count(framework, framework.tasks.values());
            count(framework, framework.completed.values());
        }
    }

    private void count(FrameworkRecord framework, Iterable<TaskRecord> tasks) {
        for (TaskRecord task : tasks) {
            TaskState state = task.task.getState();
            byAgent.computeIfAbsent(task.agentId(), id -> new EnumMap<>(TaskState.class)).merge(state, 1, Integer::sum);
            byFramework.computeIfAbsent(framework.id(), id -> new EnumMap<>(TaskState.class)).merge(state, 1, Integer::sum);
            frameworksOnAgent.computeIfAbsent(task.agentId(), id -> new TreeSet<>()).add(framework.id());
            agentsOfFramework.computeIfAbsent(framework.id(), id -> new TreeSet<>()).add(task.agentId());
        }
    }

    byte[] summary() {
        return DirectSerializer.jsonObject(g -> {
            g.writeStringField("hostname", master.info().getHostname());
            g.writeStringField("cluster", master.config().cluster());
            g.writeArrayFieldStart("slaves");
            for (AgentRecord agent : master.agents().all()) {
                writeAgent(g, agent);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("frameworks");
            for (FrameworkRecord framework : view.frameworkList()) {
                writeFramework(g, framework);
            }
            g.writeEndArray();
        });
    }

    private void writeAgent(JsonGenerator g, AgentRecord agent) throws IOException {
        g.writeStartObject();
        full.agentFields(g, agent);
        counts(g, byAgent.get(agent.id()));
        ids(g, "framework_ids", frameworksOnAgent.get(agent.id()));
        g.writeEndObject();
    }

    private void writeFramework(JsonGenerator g, FrameworkRecord framework) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", framework.id());
        g.writeStringField("name", framework.info.getName());
        g.writeStringField("hostname", framework.info.getHostname());
        g.writeStringField("webui_url", framework.info.getWebuiUrl());
        g.writeBooleanField("active", framework.active);
        g.writeBooleanField("connected", framework.connected());
        V0Json.resources(g, "used_resources", view.index().allocatedToFramework(framework.id()));
        V0Json.resources(g, "offered_resources", view.index().offeredToFramework(framework.id()));
        counts(g, byFramework.get(framework.id()));
        ids(g, "slave_ids", agentsOfFramework.get(framework.id()));
        g.writeEndObject();
    }

    /** Every state Mesos lists, zero included. */
    private static void counts(JsonGenerator g, Map<TaskState, Integer> counts) throws IOException {
        for (TaskState state : TaskState.values()) {
            g.writeNumberField(state.name(), counts == null ? 0 : counts.getOrDefault(state, 0));
        }
    }

    private static void ids(JsonGenerator g, String field, Set<String> ids) throws IOException {
        g.writeArrayFieldStart(field);
        for (String id : ids == null ? Set.<String>of() : ids) {
            g.writeString(id);
        }
        g.writeEndArray();
    }
}
