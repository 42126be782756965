package io.osmos.master.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

import io.osmos.http.codec.DirectSerializer;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Task;

/**
 * The v0 read endpoints' JSON ({@code /state}, {@code /frameworks}, {@code /slaves}, {@code /tasks})
 * with Mesos' field names, streamed from the master's model by a Jackson generator. Runs in a read
 * batch, like the v1 calls, so both see the same consistent model.
 */
final class V0State {

    /** What {@code /tasks} asks for: Mesos' {@code limit} (default 100), {@code offset}, {@code order}. */
    record TaskQuery(String frameworkId, String taskId, int limit, int offset, boolean descending) {
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private final StateBodies view;
    private final Master master;

    V0State(StateBodies view) {
        this.view = view;
        this.master = view.master();
    }

    byte[] state() {
        return json(g -> {
            g.writeStringField("version", Master.MESOS_VERSION);
            g.writeStringField("git_tag", "osmos-" + master.osmosVersion());
            g.writeStringField("build_user", "osmos");
            g.writeNumberField("start_time", master.startNanos() / 1e9);
            g.writeNumberField("elected_time", master.startNanos() / 1e9);
            g.writeStringField("id", master.info().getId());
            g.writeStringField("pid", "master@" + master.info().getAddress().getIp() + ":" + master.info().getPort());
            g.writeStringField("hostname", master.info().getHostname());
            long active = master.agents().all().stream().filter(AgentRecord::active).count();
            g.writeNumberField("activated_slaves", active);
            g.writeNumberField("deactivated_slaves", master.agents().all().stream()
                    .filter(agent -> master.maintenance().isDeactivated(agent.id())).count());
            g.writeNumberField("unreachable_slaves", 0);
            g.writeStringField("leader", "master@" + master.info().getAddress().getIp() + ":" + master.info().getPort());
            if (!master.config().cluster().isEmpty()) {
                g.writeStringField("cluster", master.config().cluster());
            }
            g.writeObjectFieldStart("flags");
            for (Map.Entry<String, String> flag : master.flags().entrySet()) {
                g.writeStringField(flag.getKey(), flag.getValue());
            }
            g.writeEndObject();
            agents(g, null);
            g.writeArrayFieldStart("recovered_slaves");
            g.writeEndArray();
            frameworks(g, null);
            g.writeArrayFieldStart("orphan_tasks");
            g.writeEndArray();
            g.writeArrayFieldStart("unregistered_frameworks");
            g.writeEndArray();
        });
    }

    byte[] frameworks(String frameworkId) {
        return json(g -> {
            frameworks(g, frameworkId);
            g.writeArrayFieldStart("unregistered_frameworks");
            g.writeEndArray();
        });
    }

    byte[] slaves(String agentId) {
        return json(g -> {
            agents(g, agentId);
            g.writeArrayFieldStart("recovered_slaves");
            g.writeEndArray();
        });
    }

    byte[] tasks(TaskQuery query) {
        List<TaskRecord> matching = new ArrayList<>();
        for (FrameworkRecord framework : master.cluster().frameworks()) {
            if (query.frameworkId() == null || query.frameworkId().equals(framework.id())) {
                framework.tasks.values().forEach(matching::add);
                framework.completed.values().forEach(matching::add);
            }
        }
        matching.removeIf(task -> query.taskId() != null && !query.taskId().equals(task.id()));
        // Mesos orders by the time of the task's first status; the id keeps the order total.
        Comparator<TaskRecord> order = Comparator.comparingDouble((TaskRecord task) -> startTime(task.task))
                .thenComparing(TaskRecord::id);
        matching.sort(query.descending() ? order.reversed() : order);
        List<TaskRecord> page = matching.subList(Math.min(query.offset(), matching.size()),
                Math.min(matching.size(), query.offset() + Math.max(0, query.limit())));
        return json(g -> {
            g.writeArrayFieldStart("tasks");
            for (TaskRecord task : page) {
                V0Json.task(g, task.task, task.role);
            }
            g.writeEndArray();
        });
    }

    private static double startTime(Task task) {
        return task.getStatusesCount() == 0 ? 0 : task.getStatuses(0).getTimestamp();
    }

    private void agents(JsonGenerator g, String only) throws IOException {
        g.writeArrayFieldStart("slaves");
        for (AgentRecord agent : master.agents().all()) {
            if (only == null || only.equals(agent.id())) {
                agent(g, agent);
            }
        }
        g.writeEndArray();
    }

    private void agent(JsonGenerator g, AgentRecord agent) throws IOException {
        g.writeStartObject();
        agentFields(g, agent);
        V0Reservations.full(g, agent.info().getResourcesList(), view.index().allocatedOnAgent(agent.id()),
                view.index().offeredOnAgent(agent.id()));
        g.writeEndObject();
    }

    /** An agent's fields in {@code /state} and {@code /slaves}, also the start of its {@code /state-summary} entry. */
    void agentFields(JsonGenerator g, AgentRecord agent) throws IOException {
        AgentInfo info = agent.info();
        g.writeStringField("id", agent.id());
        g.writeStringField("pid", "slave(1)@" + agent.endpoint());
        g.writeStringField("hostname", info.getHostname());
        g.writeNumberField("port", info.getPort());
        g.writeNumberField("registered_time", agent.registeredNanos() / 1e9);
        if (agent.reregisteredNanos() > 0) {
            g.writeNumberField("reregistered_time", agent.reregisteredNanos() / 1e9);
        }
        V0Json.resources(g, "resources", info.getResourcesList());
        V0Json.resources(g, "used_resources", view.index().allocatedOnAgent(agent.id()));
        V0Json.resources(g, "offered_resources", view.index().offeredOnAgent(agent.id()));
        V0Reservations.summary(g, info.getResourcesList());
        g.writeObjectFieldStart("attributes");
        g.writeEndObject();
        g.writeBooleanField("active", agent.active());
        g.writeBooleanField("deactivated", master.maintenance().isDeactivated(agent.id()));
        g.writeStringField("version", agent.version());
        g.writeArrayFieldStart("capabilities");
        for (AgentInfo.Capability capability : agent.capabilities()) {
            g.writeString(capability.getType().name());
        }
        g.writeEndArray();
    }

    private void frameworks(JsonGenerator g, String only) throws IOException {
        g.writeArrayFieldStart("frameworks");
        for (FrameworkRecord framework : master.cluster().frameworks()) {
            if (only == null || only.equals(framework.id())) {
                framework(g, framework);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("completed_frameworks");
        for (FrameworkRecord framework : master.cluster().completedFrameworks()) {
            if (only == null || only.equals(framework.id())) {
                framework(g, framework);
            }
        }
        g.writeEndArray();
    }

    private void framework(JsonGenerator g, FrameworkRecord framework) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", framework.id());
        g.writeStringField("name", framework.info.getName());
        g.writeStringField("user", framework.info.getUser());
        g.writeStringField("hostname", framework.info.getHostname());
        g.writeStringField("webui_url", framework.info.getWebuiUrl());
        g.writeArrayFieldStart("roles");
        for (String role : framework.roles()) {
            g.writeString(role);
        }
        g.writeEndArray();
        g.writeBooleanField("active", framework.active);
        g.writeBooleanField("connected", framework.connected());
        g.writeBooleanField("recovered", false);
        g.writeNumberField("failover_timeout", framework.info.getFailoverTimeout());
        g.writeBooleanField("checkpoint", framework.info.getCheckpoint());
        g.writeNumberField("registered_time", framework.registeredNanos / 1e9);
        g.writeNumberField("unregistered_time", framework.unregisteredNanos / 1e9);
        if (framework.info.hasPrincipal()) {
            g.writeStringField("principal", framework.info.getPrincipal());
        }
        g.writeArrayFieldStart("capabilities");
        for (io.osmos.proto.v1.FrameworkInfo.Capability capability : framework.info.getCapabilitiesList()) {
            g.writeString(capability.getType().name());
        }
        g.writeEndArray();
        V0Json.resources(g, "used_resources", view.index().allocatedToFramework(framework.id()));
        V0Json.resources(g, "offered_resources", view.index().offeredToFramework(framework.id()));
        V0Json.resources(g, "resources", view.index().allocatedToFramework(framework.id())
                .plus(view.index().offeredToFramework(framework.id())));
        tasks(g, "tasks", framework.tasks.values());
        g.writeArrayFieldStart("unreachable_tasks");
        g.writeEndArray();
        tasks(g, "completed_tasks", framework.completed.values());
        g.writeArrayFieldStart("offers");
        for (OfferRecord offer : view.index().offersOf(framework.id())) {
            g.writeStartObject();
            g.writeStringField("id", offer.id());
            g.writeStringField("framework_id", offer.frameworkId());
            g.writeStringField("slave_id", offer.agentId());
            V0Json.resources(g, "resources", offer.resources());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("executors");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void tasks(JsonGenerator g, String field, Iterable<TaskRecord> tasks) throws IOException {
        g.writeArrayFieldStart(field);
        for (TaskRecord task : tasks) {
            V0Json.task(g, task.task, task.role);
        }
        g.writeEndArray();
    }

    private static byte[] json(Writer fields) {
        return DirectSerializer.jsonObject(fields::write);
    }
}
