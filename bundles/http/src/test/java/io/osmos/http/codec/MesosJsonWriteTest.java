package io.osmos.http.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TimeInfo;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.scheduler.Event;

public class MesosJsonWriteTest {

    @Test
    public void unsetFieldsWithADeclaredDefaultAreWrittenAsMesosDoesButNotDeprecatedOnes() {
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("root").setName("fw").build();
        // failover_timeout [default 0] and checkpoint [default false] appear; role is deprecated, so it does not.
        assertEquals("{\"user\":\"root\",\"name\":\"fw\",\"failover_timeout\":0.0,\"checkpoint\":false}",
                MesosJson.toJsonString(info));
    }

    @Test
    public void heartbeatEventIsJustItsType() {
        Event heartbeat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();

        assertEquals("{\"type\":\"HEARTBEAT\"}", MesosJson.toJsonString(heartbeat));
        assertArrayEquals("{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8), MesosJson.toJson(heartbeat));
    }

    @Test
    public void fieldsFollowDeclarationOrderNotFieldNumbers() {
        // Resource declares provider_id (12) before name (1) and type (2).
        Resource cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(0.5))
                .setProviderId(io.osmos.proto.v1.ResourceProviderID.newBuilder().setValue("rp"))
                .build();

        assertEquals("{\"provider_id\":{\"value\":\"rp\"},\"name\":\"cpus\",\"type\":\"SCALAR\","
                + "\"scalar\":{\"value\":0.5}}", MesosJson.toJsonString(cpus));
    }

    @Test
    public void unsetOptionalsWithoutDefaultsAndEmptyRepeatedFieldsAreLeftOut() {
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).build();

        assertEquals("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"a1\"}}",
                MesosJson.toJsonString(task));
    }

    @Test
    public void int64IsAPlainNumberNotAString() {
        TimeInfo time = TimeInfo.newBuilder().setNanoseconds(1_580_000_000_123_456_789L).build();

        assertEquals("{\"nanoseconds\":1580000000123456789}", MesosJson.toJsonString(time));
    }

    @Test
    public void uint64IsWrittenUnsigned() {
        Value.Range range = Value.Range.newBuilder().setBegin(31000).setEnd(-1L).build();

        assertEquals("{\"begin\":31000,\"end\":18446744073709551615}", MesosJson.toJsonString(range));
    }

    @Test
    public void nonFiniteDoublesAreQuotedNames() {
        assertEquals("{\"value\":\"Infinity\"}",
                MesosJson.toJsonString(Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY)));
        assertEquals("{\"value\":\"-Infinity\"}",
                MesosJson.toJsonString(Value.Scalar.newBuilder().setValue(Double.NEGATIVE_INFINITY)));
        assertEquals("{\"value\":\"NaN\"}", MesosJson.toJsonString(Value.Scalar.newBuilder().setValue(Double.NaN)));
        assertEquals("{\"value\":2.0}", MesosJson.toJsonString(Value.Scalar.newBuilder().setValue(2.0)));
    }

    @Test
    public void mapIsAnObjectKeyedByTheMapKey() {
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .putLimits("cpus", Value.Scalar.newBuilder().setValue(2.0).build())
                .putLimits("mem", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build())
                .build();

        assertEquals("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"a1\"},"
                + "\"limits\":{\"cpus\":{\"value\":2.0},\"mem\":{\"value\":\"Infinity\"}}}",
                MesosJson.toJsonString(task));
    }

    @Test
    public void bytesAreBase64() {
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .setData(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}))
                .build();

        assertEquals("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"a1\"},"
                + "\"data\":\"AAEC/w==\"}", MesosJson.toJsonString(task));
    }

    @Test
    public void buildersAreWrittenAsTheyStandEvenWithoutRequiredFields() {
        TaskInfo.Builder partial = TaskInfo.newBuilder().setName("t");

        assertEquals("{\"name\":\"t\"}", MesosJson.toJsonString(partial));
    }

    @Test
    public void writeEmbedsTheMessageInALargerDocument() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MesosJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("event");
            MesosJson.write(Event.newBuilder().setType(Event.Type.HEARTBEAT), g);
            g.writeNumberField("n", 1);
            g.writeEndObject();
        }

        assertEquals("{\"event\":{\"type\":\"HEARTBEAT\"},\"n\":1}", out.toString());
    }

    @Test
    public void everyScalarTypeOfAnyDescriptor() {
        var m = AllTypesSchema.newBuilder()
                .setField(AllTypesSchema.field("f"), Float.NEGATIVE_INFINITY)
                .setField(AllTypesSchema.field("i32"), -7)
                .setField(AllTypesSchema.field("u32"), -1)
                .setField(AllTypesSchema.field("s64"), Long.MIN_VALUE)
                .setField(AllTypesSchema.field("fx32"), 0x8000_0000)
                .setField(AllTypesSchema.field("fx64"), Long.MIN_VALUE)
                .setField(AllTypesSchema.field("sf32"), -1)
                .setField(AllTypesSchema.field("b"), false)
                .setField(AllTypesSchema.field("e"), AllTypesSchema.field("e").getEnumType().findValueByName("GREEN"))
                .build();

        assertEquals("{\"f\":\"-Infinity\",\"i32\":-7,\"u32\":4294967295,\"s64\":-9223372036854775808,"
                + "\"fx32\":2147483648,\"fx64\":9223372036854775808,\"sf32\":-1,\"b\":false,\"e\":\"GREEN\"}",
                MesosJson.toJsonString(m));
    }

    @Test
    public void mapKeysOfOtherTypesAreTheirStringForm() {
        var entryType = AllTypesSchema.field("by_u64").getMessageType();
        var entry = com.google.protobuf.DynamicMessage.newBuilder(entryType)
                .setField(entryType.findFieldByName("key"), -1L)
                .setField(entryType.findFieldByName("value"),
                        AllTypesSchema.newBuilder().setField(AllTypesSchema.field("s"), "x").build())
                .build();
        var m = AllTypesSchema.newBuilder().addRepeatedField(AllTypesSchema.field("by_u64"), entry).build();

        assertEquals("{\"by_u64\":{\"18446744073709551615\":{\"s\":\"x\"}}}", MesosJson.toJsonString(m));
    }
}
