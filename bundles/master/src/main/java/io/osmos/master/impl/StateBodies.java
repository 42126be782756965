package io.osmos.master.impl;

import java.io.IOException;
import java.util.List;

import com.google.protobuf.Message;

import io.osmos.http.codec.DirectSerializer;
import io.osmos.http.codec.FieldSink;
import io.osmos.proto.v1.TimeInfo;
import io.osmos.proto.v1.master.Response;

/**
 * GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_EXECUTORS and GET_TASKS written straight from the
 * master's model into a {@link FieldSink}: the tasks, infos and offers the master holds as messages
 * go out as they are, and no response message is ever built. Field numbers are those of
 * {@code mesos.v1.master.Response}, written in number order so protobuf output is canonical.
 * Runs where the model cannot change: on the master loop or in a read batch holding it.
 */
final class StateBodies {

    private final Master master;
    private ClusterIndex index;

    StateBodies(Master master) {
        this.master = master;
    }

    Master master() {
        return master;
    }

    /** The frameworks, listed once per batch rather than once per section written. */
    private List<FrameworkRecord> frameworks;
    private List<FrameworkRecord> completedFrameworks;

    synchronized List<FrameworkRecord> frameworkList() {
        if (frameworks == null) {
            frameworks = List.copyOf(master.cluster().frameworks());
        }
        return frameworks;
    }

    synchronized List<FrameworkRecord> completedFrameworkList() {
        if (completedFrameworks == null) {
            completedFrameworks = List.copyOf(master.cluster().completedFrameworks());
        }
        return completedFrameworks;
    }

    /** Built at first use, once, by whichever reader of the batch comes first. */
    synchronized ClusterIndex index() {
        if (index == null) {
            index = new ClusterIndex(master.cluster());
        }
        return index;
    }

    DirectSerializer.Body state() {
        return sink -> {
            sink.enumValue(1, "type", Response.Type.GET_STATE);
            sink.begin(9, "get_state");
            writeState(sink);
            sink.end();
        };
    }

    /** The operator stream's first event: SUBSCRIBED with the whole state. */
    DirectSerializer.Body subscribed() {
        return sink -> {
            sink.enumValue(1, "type", io.osmos.proto.v1.master.Event.Type.SUBSCRIBED);
            sink.begin(2, "subscribed");
            sink.begin(1, "get_state");
            writeState(sink);
            sink.end();
            sink.doubleValue(2, "heartbeat_interval_seconds", OperatorEvents.HEARTBEAT_SECONDS);
            sink.end();
        };
    }

    /** The fields of {@code Response.GetState}, also the payload of the operator SUBSCRIBED event. */
    void writeState(FieldSink sink) throws IOException {
        section(sink, 1, "get_tasks", this::writeTasks);
        section(sink, 2, "get_executors", this::writeExecutors);
        section(sink, 3, "get_frameworks", this::writeFrameworks);
        section(sink, 4, "get_agents", this::writeAgents);
    }

    DirectSerializer.Body agents() {
        return response(Response.Type.GET_AGENTS, 10, "get_agents", this::writeAgents);
    }

    DirectSerializer.Body frameworks() {
        return response(Response.Type.GET_FRAMEWORKS, 11, "get_frameworks", this::writeFrameworks);
    }

    DirectSerializer.Body executors() {
        return response(Response.Type.GET_EXECUTORS, 12, "get_executors", this::writeExecutors);
    }

    DirectSerializer.Body tasks() {
        return response(Response.Type.GET_TASKS, 13, "get_tasks", this::writeTasks);
    }

    private static DirectSerializer.Body response(Response.Type type, int number, String name,
            DirectSerializer.Body payload) {
        return sink -> {
            sink.enumValue(1, "type", type);
            section(sink, number, name, payload);
        };
    }

    private static void section(FieldSink sink, int number, String name, DirectSerializer.Body fields)
            throws IOException {
        sink.begin(number, name);
        fields.writeTo(sink);
        sink.end();
    }

    private void writeTasks(FieldSink sink) throws IOException {
        sink.beginRepeated(2, "tasks");
        for (FrameworkRecord framework : frameworkList()) {
            for (TaskRecord task : framework.tasks.values()) {
                sink.element(task.task);
            }
        }
        sink.endRepeated();
        sink.beginRepeated(3, "completed_tasks");
        for (FrameworkRecord framework : frameworkList()) {
            writeTasks(sink, framework.completed.values());
        }
        for (FrameworkRecord framework : completedFrameworkList()) {
            writeTasks(sink, framework.tasks.values());
            writeTasks(sink, framework.completed.values());
        }
        sink.endRepeated();
    }

    private static void writeTasks(FieldSink sink, Iterable<TaskRecord> tasks) throws IOException {
        for (TaskRecord task : tasks) {
            sink.element(task.task);
        }
    }

    private void writeExecutors(FieldSink sink) throws IOException {
        sink.beginRepeated(1, "executors");
        for (ClusterIndex.KnownExecutor executor : index().executors()) {
            sink.beginElement();
            sink.message(1, "executor_info", executor.info());
            sink.message(2, "agent_id", executor.agentId());
            sink.end();
        }
        sink.endRepeated();
    }

    private void writeFrameworks(FieldSink sink) throws IOException {
        sink.beginRepeated(1, "frameworks");
        for (FrameworkRecord framework : frameworkList()) {
            writeFramework(sink, framework);
        }
        sink.endRepeated();
        sink.beginRepeated(2, "completed_frameworks");
        for (FrameworkRecord framework : completedFrameworkList()) {
            writeFramework(sink, framework);
        }
        sink.endRepeated();
    }

    private void writeFramework(FieldSink sink, FrameworkRecord framework) throws IOException {
        sink.beginElement();
        sink.message(1, "framework_info", framework.info);
        sink.bool(2, "active", framework.active);
        sink.bool(3, "connected", framework.connected());
        sink.message(4, "registered_time", time(framework.registeredNanos));
        if (framework.reregisteredNanos > 0) {
            sink.message(5, "reregistered_time", time(framework.reregisteredNanos));
        }
        if (framework.unregisteredNanos > 0) {
            sink.message(6, "unregistered_time", time(framework.unregisteredNanos));
        }
        sink.beginRepeated(7, "offers");
        for (OfferRecord offer : index().offersOf(framework.id())) {
            sink.element(offer.offer());
        }
        sink.endRepeated();
        // Mesos writes these in its "endpoint" format: role (and reservation) next to the reservations stack.
        String id = framework.id();
        repeated(sink, 9, "allocated_resources", ResourceFormats.endpoint(index().allocatedToFramework(id)));
        repeated(sink, 10, "offered_resources", ResourceFormats.endpoint(index().offeredToFramework(id)));
        sink.bool(11, "recovered", false);
        sink.end();
    }

    private void writeAgents(FieldSink sink) throws IOException {
        sink.beginRepeated(1, "agents");
        for (AgentRecord agent : master.agents().all()) {
            sink.beginElement();
            sink.message(1, "agent_info", agent.info());
            sink.bool(2, "active", agent.active());
            sink.string(3, "version", agent.version());
            sink.string(4, "pid", "slave(1)@" + agent.endpoint());
            sink.message(5, "registered_time", time(agent.registeredNanos()));
            if (agent.reregisteredNanos() > 0) {
                sink.message(6, "reregistered_time", time(agent.reregisteredNanos()));
            }
            repeated(sink, 7, "total_resources", ResourceFormats.endpoint(agent.info().getResourcesList()));
            repeated(sink, 8, "allocated_resources", ResourceFormats.endpoint(index().allocatedOnAgent(agent.id())));
            repeated(sink, 9, "offered_resources", ResourceFormats.endpoint(index().offeredOnAgent(agent.id())));
            repeated(sink, 10, "capabilities", agent.capabilities());
            sink.bool(12, "deactivated", master.maintenance().isDeactivated(agent.id()));
            io.osmos.proto.v1.DrainInfo drain = master.maintenance().drainInfo(agent.id());
            if (drain != null) {
                sink.message(13, "drain_info", drain);
            }
            sink.end();
        }
        sink.endRepeated();
        repeated(sink, 2, "recovered_agents", List.copyOf(master.recovery().recoveredAgents()));
    }

    private static void repeated(FieldSink sink, int number, String name, List<? extends Message> values)
            throws IOException {
        sink.beginRepeated(number, name);
        for (Message value : values) {
            sink.element(value);
        }
        sink.endRepeated();
    }

    static TimeInfo time(long nanos) {
        return TimeInfo.newBuilder().setNanoseconds(nanos).build();
    }
}
