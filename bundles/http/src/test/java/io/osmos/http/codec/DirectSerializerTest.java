package io.osmos.http.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Labels;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.master.Response;

import org.junit.Test;

/** A response written field by field equals, byte for byte, the same response built and serialized whole. */
public class DirectSerializerTest {

    private static Task task(int i) {
        return Task.newBuilder().setName("t" + i).setTaskId(TaskID.newBuilder().setValue("task-" + i))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                .setAgentId(AgentID.newBuilder().setValue("a")).setState(TaskState.TASK_RUNNING)
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("k").setValue("v" + i))).build();
    }

    private static final List<Task> TASKS = List.of(task(1), task(2), task(3));

    /** GET_STATE with tasks as whole messages, an empty repeated field, and a nested section. */
    private static void writeState(FieldSink sink) throws IOException {
        sink.enumValue(1, "type", Response.Type.GET_STATE);
        sink.begin(9, "get_state");
        sink.begin(1, "get_tasks");
        sink.beginRepeated(1, "pending_tasks");
        sink.endRepeated();
        sink.beginRepeated(2, "tasks");
        for (Task task : TASKS) {
            sink.element(task);
        }
        sink.endRepeated();
        sink.end();
        sink.begin(3, "get_frameworks");
        sink.beginRepeated(1, "frameworks");
        for (int i = 0; i < 2; i++) {
            sink.beginElement();
            sink.message(1, "framework_info", io.osmos.proto.v1.FrameworkInfo.newBuilder().setUser("u")
                    .setName("fw" + i).build());
            sink.bool(2, "active", i == 0);
            sink.bool(3, "connected", true);
            sink.bool(11, "recovered", false);
            sink.end();
        }
        sink.endRepeated();
        sink.end();
        sink.end();
    }

    private static Response built() {
        Response.GetFrameworks.Builder frameworks = Response.GetFrameworks.newBuilder();
        for (int i = 0; i < 2; i++) {
            frameworks.addFrameworks(Response.GetFrameworks.Framework.newBuilder().setFrameworkInfo(
                    io.osmos.proto.v1.FrameworkInfo.newBuilder().setUser("u").setName("fw" + i))
                    .setActive(i == 0).setConnected(true).setRecovered(false));
        }
        return Response.newBuilder().setType(Response.Type.GET_STATE).setGetState(Response.GetState.newBuilder()
                .setGetTasks(Response.GetTasks.newBuilder().addAllTasks(TASKS)).setGetFrameworks(frameworks)).build();
    }

    @Test
    public void protobufIsByteForByteWhatTheBuiltMessageSerializesTo() throws Exception {
        byte[] direct = DirectSerializer.protobuf(DirectSerializerTest::writeState);
        assertArrayEquals(built().toByteArray(), direct);
        assertEquals(built(), Response.parseFrom(direct));
    }

    @Test
    public void jsonIsWhatMesosJsonWritesForTheBuiltMessage() {
        byte[] direct = DirectSerializer.json(DirectSerializerTest::writeState);
        // Unset fields declaring a default (FrameworkInfo.failover_timeout...) are written, as Mesos does.
        assertEquals(MesosJson.parse(MesosJson.toJson(built()), Response.getDefaultInstance()),
                MesosJson.parse(direct, Response.getDefaultInstance()));
    }

    @Test
    public void infiniteDoublesAreQuotedInJsonAndRawInProtobuf() throws Exception {
        DirectSerializer.Body body = sink -> {
            sink.begin(2, "scalar");
            sink.doubleValue(1, "value", Double.POSITIVE_INFINITY);
            sink.end();
        };
        assertEquals("{\"scalar\":{\"value\":\"Infinity\"}}", new String(DirectSerializer.json(body), StandardCharsets.UTF_8));
        io.osmos.proto.v1.Value value = io.osmos.proto.v1.Value.parser().parsePartialFrom(DirectSerializer.protobuf(body));
        assertEquals(Double.POSITIVE_INFINITY, value.getScalar().getValue(), 0);
    }

    @Test
    public void anEmptyBodyIsAnEmptyMessage() {
        assertEquals(0, DirectSerializer.protobuf(sink -> { }).length);
        assertEquals("{}", new String(DirectSerializer.json(sink -> { }), StandardCharsets.UTF_8));
    }
}
