package io.osmos.http.codec;

import static io.osmos.http.codec.AllTypesSchema.field;
import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;

import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.Value;

import org.junit.Test;

/** JSON transcoded from the protobuf bytes says what {@link MesosJson#write} says through reflection. */
public class WireJsonTest {

    private static String wire(Message message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MesosJson.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            WireJson.write(message, g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void everyTypeIsWrittenAsTheReflectiveWriterWritesIt() throws Exception {
        var mapType = field("by_bool").getMessageType();
        var intMap = field("by_int").getMessageType();
        DynamicMessage child = AllTypesSchema.newBuilder().setField(field("s"), "nested").build();
        DynamicMessage m = AllTypesSchema.newBuilder()
                .setField(field("d"), Double.NEGATIVE_INFINITY).setField(field("f"), 0.1f)
                .setField(field("i32"), Integer.MIN_VALUE).setField(field("i64"), Long.MAX_VALUE)
                .setField(field("u32"), -2).setField(field("u64"), -2L).setField(field("s32"), -3)
                .setField(field("s64"), -4L).setField(field("fx32"), -5).setField(field("fx64"), -6L)
                .setField(field("sf32"), 7).setField(field("sf64"), -8L).setField(field("b"), true)
                .setField(field("s"), "h\u00e9llo \"quoted\" \u2603")
                .setField(field("by"), ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xfb, (byte) 0xff}))
                .setField(field("child"), child)
                .addRepeatedField(field("ri"), 1).addRepeatedField(field("ri"), -1).addRepeatedField(field("ri"), 300)
                .addRepeatedField(field("by_bool"), DynamicMessage.newBuilder(mapType)
                        .setField(mapType.findFieldByName("key"), true)
                        .setField(mapType.findFieldByName("value"), "yes").build())
                .addRepeatedField(field("by_int"), DynamicMessage.newBuilder(intMap)
                        .setField(intMap.findFieldByName("key"), -3)
                        .setField(intMap.findFieldByName("value"), "minus three").build())
                .addRepeatedField(field("colors"), field("colors").getEnumType().findValueByName("GREEN"))
                .build();
        String json = wire(m);
        assertEquals(json, MesosJson.parse(MesosJson.toJson(m), AllTypesSchema.defaultInstance()),
                MesosJson.parse(json.getBytes(StandardCharsets.UTF_8), AllTypesSchema.defaultInstance()));
        assertEquals(MesosJson.toJsonString(m).length(), json.length());
    }

    @Test
    public void mesosMessagesWithMapsInfinityAndDefaultsMatch() throws Exception {
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t"))
                .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue("a"))
                .addResources(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(0.5)))
                .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build())
                .putLimits("mem", Value.Scalar.newBuilder().setValue(64).build()).build();
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("u").setName("f").build();
        for (Message message : new Message[] {task, framework}) {
            String json = wire(message);
            assertEquals(json, MesosJson.toJsonString(message).length(), json.length());
            assertEquals(MesosJson.parse(MesosJson.toJson(message), message.getDefaultInstanceForType()),
                    MesosJson.parse(json.getBytes(StandardCharsets.UTF_8), message.getDefaultInstanceForType()));
        }
        String limits = wire(task);
        assertEquals(limits, true, limits.contains("\"limits\":{\"cpus\":{\"value\":\"Infinity\"},\"mem\":{\"value\":64.0}}"));
        // FrameworkInfo declares defaults (failover_timeout, checkpoint) that Mesos writes when unset.
        assertEquals(true, wire(framework).contains("\"failover_timeout\":0.0"));
    }
}
