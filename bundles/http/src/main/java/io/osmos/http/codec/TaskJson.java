package io.osmos.http.codec;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Labels;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;

/**
 * Mesos JSON of the messages a cluster state is mostly made of ({@code Task}, its statuses,
 * resources and labels) written straight from their getters: no protobuf encoding to transcode,
 * which is most of what {@link WireJson} spends. The text is byte for byte WireJson's: fields in
 * field-number order, present fields only; the rarely set nested messages go through WireJson.
 * {@code TaskJsonTest} fails when one of these messages gains a field this class does not write.
 */
final class TaskJson {

    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString TASK_ID = new SerializedString("task_id");
    private static final SerializableString FRAMEWORK_ID = new SerializedString("framework_id");
    private static final SerializableString EXECUTOR_ID = new SerializedString("executor_id");
    private static final SerializableString AGENT_ID = new SerializedString("agent_id");
    private static final SerializableString STATE = new SerializedString("state");
    private static final SerializableString RESOURCES = new SerializedString("resources");
    private static final SerializableString STATUSES = new SerializedString("statuses");
    private static final SerializableString STATUS_UPDATE_STATE = new SerializedString("status_update_state");
    private static final SerializableString STATUS_UPDATE_UUID = new SerializedString("status_update_uuid");
    private static final SerializableString LABELS = new SerializedString("labels");
    private static final SerializableString DISCOVERY = new SerializedString("discovery");
    private static final SerializableString CONTAINER = new SerializedString("container");
    private static final SerializableString USER = new SerializedString("user");
    private static final SerializableString HEALTH_CHECK = new SerializedString("health_check");
    private static final SerializableString KILL_POLICY = new SerializedString("kill_policy");
    private static final SerializableString LIMITS = new SerializedString("limits");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString DATA = new SerializedString("data");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString HEALTHY = new SerializedString("healthy");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString UUID = new SerializedString("uuid");
    private static final SerializableString CONTAINER_STATUS = new SerializedString("container_status");
    private static final SerializableString UNREACHABLE_TIME = new SerializedString("unreachable_time");
    private static final SerializableString CHECK_STATUS = new SerializedString("check_status");
    private static final SerializableString LIMITATION = new SerializedString("limitation");
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString SCALAR = new SerializedString("scalar");
    private static final SerializableString RANGES = new SerializedString("ranges");
    private static final SerializableString SET = new SerializedString("set");
    private static final SerializableString ROLE = new SerializedString("role");
    private static final SerializableString DISK = new SerializedString("disk");
    private static final SerializableString RESERVATION = new SerializedString("reservation");
    private static final SerializableString REVOCABLE = new SerializedString("revocable");
    private static final SerializableString SHARED = new SerializedString("shared");
    private static final SerializableString ALLOCATION_INFO = new SerializedString("allocation_info");
    private static final SerializableString PROVIDER_ID = new SerializedString("provider_id");
    private static final SerializableString RESERVATIONS = new SerializedString("reservations");

    private TaskJson() {
    }

    /** Any message as Mesos JSON: the common state messages directly, the others through {@link WireJson}. */
    static void write(Message message, JsonGenerator g) throws IOException {
        if (message instanceof Task task) {
            task(task, g);
        } else if (message instanceof Resource resource) {
            resource(resource, g);
        } else if (message instanceof TaskStatus status) {
            status(status, g);
        } else if (message instanceof AgentID id) {
            idObject(id.hasValue(), id.getValue(), g);
        } else if (message instanceof FrameworkID id) {
            idObject(id.hasValue(), id.getValue(), g);
        } else {
            WireJson.write(message, g);
        }
    }

    static void task(Task t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (t.hasName()) {
            g.writeFieldName(NAME);
            g.writeString(t.getName());
        }
        if (t.hasTaskId()) {
            id(TASK_ID, t.getTaskId().hasValue(), t.getTaskId().getValue(), g);
        }
        if (t.hasFrameworkId()) {
            id(FRAMEWORK_ID, t.getFrameworkId().hasValue(), t.getFrameworkId().getValue(), g);
        }
        if (t.hasExecutorId()) {
            id(EXECUTOR_ID, t.getExecutorId().hasValue(), t.getExecutorId().getValue(), g);
        }
        if (t.hasAgentId()) {
            id(AGENT_ID, t.getAgentId().hasValue(), t.getAgentId().getValue(), g);
        }
        if (t.hasState()) {
            enumField(STATE, t.getState(), g);
        }
        if (t.getResourcesCount() > 0) {
            g.writeFieldName(RESOURCES);
            g.writeStartArray();
            for (Resource resource : t.getResourcesList()) {
                resource(resource, g);
            }
            g.writeEndArray();
        }
        if (t.getStatusesCount() > 0) {
            g.writeFieldName(STATUSES);
            g.writeStartArray();
            for (TaskStatus status : t.getStatusesList()) {
                status(status, g);
            }
            g.writeEndArray();
        }
        if (t.hasStatusUpdateState()) {
            enumField(STATUS_UPDATE_STATE, t.getStatusUpdateState(), g);
        }
        if (t.hasStatusUpdateUuid()) {
            bytes(STATUS_UPDATE_UUID, t.getStatusUpdateUuid(), g);
        }
        if (t.hasLabels()) {
            labels(t.getLabels(), g);
        }
        if (t.hasDiscovery()) {
            g.writeFieldName(DISCOVERY);
            WireJson.write(t.getDiscovery(), g);
        }
        if (t.hasContainer()) {
            g.writeFieldName(CONTAINER);
            WireJson.write(t.getContainer(), g);
        }
        if (t.hasUser()) {
            g.writeFieldName(USER);
            g.writeString(t.getUser());
        }
        if (t.hasHealthCheck()) {
            g.writeFieldName(HEALTH_CHECK);
            WireJson.write(t.getHealthCheck(), g);
        }
        if (t.hasKillPolicy()) {
            g.writeFieldName(KILL_POLICY);
            WireJson.write(t.getKillPolicy(), g);
        }
        if (t.getLimitsCount() > 0) {
            g.writeFieldName(LIMITS);
            g.writeStartObject();
            for (Map.Entry<String, Value.Scalar> limit : t.getLimitsMap().entrySet()) {
                g.writeFieldName(limit.getKey());
                scalar(limit.getValue(), g);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void status(TaskStatus s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (s.hasTaskId()) {
            id(TASK_ID, s.getTaskId().hasValue(), s.getTaskId().getValue(), g);
        }
        if (s.hasState()) {
            enumField(STATE, s.getState(), g);
        }
        if (s.hasData()) {
            bytes(DATA, s.getData(), g);
        }
        if (s.hasMessage()) {
            g.writeFieldName(MESSAGE);
            g.writeString(s.getMessage());
        }
        if (s.hasAgentId()) {
            id(AGENT_ID, s.getAgentId().hasValue(), s.getAgentId().getValue(), g);
        }
        if (s.hasTimestamp()) {
            g.writeFieldName(TIMESTAMP);
            MesosJson.writeDouble(s.getTimestamp(), g);
        }
        if (s.hasExecutorId()) {
            id(EXECUTOR_ID, s.getExecutorId().hasValue(), s.getExecutorId().getValue(), g);
        }
        if (s.hasHealthy()) {
            g.writeFieldName(HEALTHY);
            g.writeBoolean(s.getHealthy());
        }
        if (s.hasSource()) {
            enumField(SOURCE, s.getSource(), g);
        }
        if (s.hasReason()) {
            enumField(REASON, s.getReason(), g);
        }
        if (s.hasUuid()) {
            bytes(UUID, s.getUuid(), g);
        }
        if (s.hasLabels()) {
            labels(s.getLabels(), g);
        }
        if (s.hasContainerStatus()) {
            g.writeFieldName(CONTAINER_STATUS);
            WireJson.write(s.getContainerStatus(), g);
        }
        if (s.hasUnreachableTime()) {
            g.writeFieldName(UNREACHABLE_TIME);
            WireJson.write(s.getUnreachableTime(), g);
        }
        if (s.hasCheckStatus()) {
            g.writeFieldName(CHECK_STATUS);
            WireJson.write(s.getCheckStatus(), g);
        }
        if (s.hasLimitation()) {
            g.writeFieldName(LIMITATION);
            WireJson.write(s.getLimitation(), g);
        }
        g.writeEndObject();
    }

    static void resource(Resource r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (r.hasName()) {
            g.writeFieldName(NAME);
            g.writeString(r.getName());
        }
        if (r.hasType()) {
            enumField(TYPE, r.getType(), g);
        }
        if (r.hasScalar()) {
            g.writeFieldName(SCALAR);
            scalar(r.getScalar(), g);
        }
        if (r.hasRanges()) {
            g.writeFieldName(RANGES);
            WireJson.write(r.getRanges(), g);
        }
        if (r.hasSet()) {
            g.writeFieldName(SET);
            WireJson.write(r.getSet(), g);
        }
        if (r.hasRole()) {
            g.writeFieldName(ROLE);
            g.writeString(r.getRole());
        }
        if (r.hasDisk()) {
            g.writeFieldName(DISK);
            WireJson.write(r.getDisk(), g);
        }
        if (r.hasReservation()) {
            g.writeFieldName(RESERVATION);
            WireJson.write(r.getReservation(), g);
        }
        if (r.hasRevocable()) {
            g.writeFieldName(REVOCABLE);
            WireJson.write(r.getRevocable(), g);
        }
        if (r.hasShared()) {
            g.writeFieldName(SHARED);
            WireJson.write(r.getShared(), g);
        }
        if (r.hasAllocationInfo()) {
            g.writeFieldName(ALLOCATION_INFO);
            g.writeStartObject();
            if (r.getAllocationInfo().hasRole()) {
                g.writeFieldName(ROLE);
                g.writeString(r.getAllocationInfo().getRole());
            }
            g.writeEndObject();
        }
        if (r.hasProviderId()) {
            g.writeFieldName(PROVIDER_ID);
            WireJson.write(r.getProviderId(), g);
        }
        if (r.getReservationsCount() > 0) {
            g.writeFieldName(RESERVATIONS);
            g.writeStartArray();
            for (Resource.ReservationInfo reservation : r.getReservationsList()) {
                WireJson.write(reservation, g);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void labels(Labels labels, JsonGenerator g) throws IOException {
        g.writeFieldName(LABELS);
        g.writeStartObject();
        if (labels.getLabelsCount() > 0) {
            g.writeFieldName(LABELS);
            g.writeStartArray();
            for (Label label : labels.getLabelsList()) {
                g.writeStartObject();
                if (label.hasKey()) {
                    g.writeFieldName(KEY);
                    g.writeString(label.getKey());
                }
                if (label.hasValue()) {
                    g.writeFieldName(VALUE);
                    g.writeString(label.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void scalar(Value.Scalar scalar, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (scalar.hasValue()) {
            g.writeFieldName(VALUE);
            MesosJson.writeDouble(scalar.getValue(), g);
        }
        g.writeEndObject();
    }

    private static void id(SerializableString name, boolean hasValue, String value, JsonGenerator g)
            throws IOException {
        g.writeFieldName(name);
        idObject(hasValue, value, g);
    }

    private static void idObject(boolean hasValue, String value, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (hasValue) {
            g.writeFieldName(VALUE);
            g.writeString(value);
        }
        g.writeEndObject();
    }

    private static void enumField(SerializableString name, Enum<?> value, JsonGenerator g) throws IOException {
        g.writeFieldName(name);
        g.writeString(EnumNames.of(value));
    }

    private static void bytes(SerializableString name, ByteString value, JsonGenerator g) throws IOException {
        g.writeFieldName(name);
        g.writeString(Base64.getEncoder().encodeToString(value.toByteArray()));
    }
}
