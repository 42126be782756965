package io.osmos.http.codec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Labels;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.OfferID;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TimeInfo;
import io.osmos.proto.v1.Unavailability;
import io.osmos.proto.v1.Value;
import io.osmos.proto.v1.scheduler.Call;

public class MesosJsonParseTest {

    private static <T extends Message> T parse(String json, T defaultInstance) {
        return MesosJson.parse(json.getBytes(StandardCharsets.UTF_8), defaultInstance);
    }

    private static String failure(String json, Message defaultInstance) {
        return assertThrows(MesosJsonException.class, () -> parse(json, defaultInstance)).getMessage();
    }

    @Test
    public void subscribeCallAsMesosDocumentsIt() {
        String json = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"foo\","
                + "\"name\":\"Example HTTP Framework\",\"roles\":[\"test\"],"
                + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}}}";

        Call expected = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder()
                        .setUser("foo").setName("Example HTTP Framework").addRoles("test")
                        .addCapabilities(FrameworkInfo.Capability.newBuilder()
                                .setType(FrameworkInfo.Capability.Type.MULTI_ROLE))))
                .build();
        assertEquals(expected, parse(json, Call.getDefaultInstance()));
    }

    @Test
    public void infiniteLimitParsesToInfinityAndWritesBackQuoted() {
        String json = "{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"a1\"},"
                + "\"limits\":{\"cpus\":{\"value\":\"Infinity\"},\"mem\":{\"value\":256}}}";

        TaskInfo task = parse(json, TaskInfo.getDefaultInstance());

        assertEquals(Double.POSITIVE_INFINITY, task.getLimitsOrThrow("cpus").getValue(), 0);
        assertEquals(256.0, task.getLimitsOrThrow("mem").getValue(), 0);
        assertTrue(MesosJson.toJsonString(task).contains("\"cpus\":{\"value\":\"Infinity\"}"));
    }

    @Test
    public void richMessageSurvivesARoundTrip() {
        Labels labels = Labels.newBuilder().addLabels(Label.newBuilder().setKey("k").setValue("v"))
                .addLabels(Label.newBuilder().setKey("only-key")).build();
        Resource reserved = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(1.5))
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.STATIC).setRole("a"))
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("a/b")
                        .setPrincipal("ops").setLabels(labels))
                .build();
        Resource ports = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                .setRanges(Value.Ranges.newBuilder()
                        .addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000)))
                .build();
        Offer offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue("o1"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).setHostname("host")
                .addResources(reserved).addResources(ports)
                .setUnavailability(Unavailability.newBuilder()
                        .setStart(TimeInfo.newBuilder().setNanoseconds(1_600_000_000_000_000_001L)))
                .build();
        TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1")).addResources(reserved)
                .setData(ByteString.copyFrom(new byte[] {(byte) 0xfe, 0, 'x'})).setLabels(labels)
                .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build())
                .build();

        String offerJson = MesosJson.toJsonString(offer);
        assertTrue(offerJson, offerJson.contains("\"nanoseconds\":1600000000000000001"));
        assertEquals(offer, MesosJson.parse(MesosJson.toJson(offer), Offer.getDefaultInstance()));
        assertEquals(task, MesosJson.parse(MesosJson.toJson(task), TaskInfo.getDefaultInstance()));
    }

    @Test
    public void unknownKeysAreSkippedWhateverTheyHold() {
        String json = "{\"future\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"type\":\"TEARDOWN\","
                + "\"more\":[[],{}],\"framework_id\":{\"value\":\"f1\",\"extra\":true}}";

        Call call = parse(json, Call.getDefaultInstance());

        assertEquals(Call.Type.TEARDOWN, call.getType());
        assertEquals("f1", call.getFrameworkId().getValue());
    }

    @Test
    public void unknownEnumNameIsRejectedNamingTheField() {
        assertEquals("Failed to parse field 'type': unknown enum value 'FOO' for mesos.v1.scheduler.Call.Type",
                failure("{\"type\":\"FOO\"}", Call.getDefaultInstance()));
        assertEquals("Failed to parse field 'subscribe.framework_info.capabilities[1].type': unknown enum value "
                + "'BAR' for mesos.v1.FrameworkInfo.Capability.Type",
                failure("{\"subscribe\":{\"framework_info\":{\"capabilities\":[{\"type\":\"MULTI_ROLE\"},"
                        + "{\"type\":\"BAR\"}]}}}", Call.getDefaultInstance()));
    }

    @Test
    public void missingRequiredFieldsAreListed() {
        String message = failure("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"roles\":[\"r\"]}}}",
                Call.getDefaultInstance());

        assertEquals("Missing required fields: subscribe.framework_info.user, subscribe.framework_info.name",
                message);
    }

    @Test
    public void missingRequiredFieldInsideAMapValueIsReported() {
        String message = failure("{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"a1\"},"
                + "\"limits\":{\"cpus\":{}}}", TaskInfo.getDefaultInstance());

        assertTrue(message, message.startsWith("Missing required fields: limits"));
        assertTrue(message, message.endsWith(".value"));
    }

    @Test
    public void valuesOfTheWrongKindAreRejected() {
        Message call = Call.getDefaultInstance();
        assertEquals("Failed to parse field 'type': expected an enum value name, got a number",
                failure("{\"type\":1}", call));
        assertEquals("Failed to parse field 'framework_id': expected an object, got a string",
                failure("{\"framework_id\":\"f1\"}", call));
        assertEquals("Failed to parse field 'framework_id.value': expected a string, got a number",
                failure("{\"framework_id\":{\"value\":5}}", call));
        assertEquals("Failed to parse field 'subscribe.framework_info.checkpoint': expected a boolean, got a string",
                failure("{\"subscribe\":{\"framework_info\":{\"checkpoint\":\"true\"}}}", call));
        assertEquals("Failed to parse field 'subscribe.framework_info.failover_timeout': expected a number, "
                + "got a boolean", failure("{\"subscribe\":{\"framework_info\":{\"failover_timeout\":true}}}", call));
        assertEquals("Failed to parse field 'subscribe.framework_info.user': expected a string, got an array",
                failure("{\"subscribe\":{\"framework_info\":{\"user\":[\"u\"]}}}", call));
    }

    @Test
    public void repeatedFieldNeedsAnArrayEvenForOneValue() {
        assertEquals("Failed to parse field 'subscribe.framework_info.roles': expected an array, got a string",
                failure("{\"subscribe\":{\"framework_info\":{\"roles\":\"test\"}}}", Call.getDefaultInstance()));
    }

    @Test
    public void mapFieldNeedsAnObject() {
        assertEquals("Failed to parse field 'limits': expected an object, got an array",
                failure("{\"limits\":[]}", TaskInfo.getDefaultInstance()));
    }

    @Test
    public void nullMeansAbsent() {
        Call call = parse("{\"type\":\"TEARDOWN\",\"framework_id\":null,\"subscribe\":null}",
                Call.getDefaultInstance());

        assertFalse(call.hasFrameworkId());
        assertFalse(call.hasSubscribe());
        assertEquals(Call.Type.TEARDOWN, call.getType());
    }

    @Test
    public void integersAcceptNumbersAndIntegerStrings() {
        assertEquals(42L, parse("{\"nanoseconds\":\"42\"}", TimeInfo.getDefaultInstance()).getNanoseconds());
        assertEquals(-5L, parse("{\"nanoseconds\":-5}", TimeInfo.getDefaultInstance()).getNanoseconds());
        assertEquals(1000L, parse("{\"nanoseconds\":1e3}", TimeInfo.getDefaultInstance()).getNanoseconds());
        Value.Range max = parse("{\"begin\":\"18446744073709551615\",\"end\":18446744073709551615}",
                Value.Range.getDefaultInstance());
        assertEquals(-1L, max.getBegin());
        assertEquals(-1L, max.getEnd());
    }

    @Test
    public void integersRejectFractionsOutOfRangeAndGarbage() {
        Message time = TimeInfo.getDefaultInstance();
        assertEquals("Failed to parse field 'nanoseconds': expected an integer, got 1.5",
                failure("{\"nanoseconds\":1.5}", time));
        assertEquals("Failed to parse field 'nanoseconds': value 9223372036854775808 is out of range for int64",
                failure("{\"nanoseconds\":9223372036854775808}", time));
        assertEquals("Failed to parse field 'nanoseconds': expected an integer, got string '12abc'",
                failure("{\"nanoseconds\":\"12abc\"}", time));
        assertEquals("Failed to parse field 'begin': value -1 is out of range for uint64",
                failure("{\"begin\":-1,\"end\":1}", Value.Range.getDefaultInstance()));
        assertEquals("Failed to parse field 'begin': value 18446744073709551616 is out of range for uint64",
                failure("{\"begin\":18446744073709551616,\"end\":1}", Value.Range.getDefaultInstance()));
    }

    @Test
    public void doublesAcceptNumericStringsAndNonFiniteNames() {
        Message scalar = Value.Scalar.getDefaultInstance();
        assertEquals(0.25, parse("{\"value\":\"0.25\"}", Value.Scalar.getDefaultInstance()).getValue(), 0);
        assertEquals(3.0, parse("{\"value\":3}", Value.Scalar.getDefaultInstance()).getValue(), 0);
        assertEquals(Double.NEGATIVE_INFINITY,
                parse("{\"value\":\"-Infinity\"}", Value.Scalar.getDefaultInstance()).getValue(), 0);
        assertTrue(Double.isNaN(parse("{\"value\":\"NaN\"}", Value.Scalar.getDefaultInstance()).getValue()));
        assertEquals("Failed to parse field 'value': expected a number, got string 'lots'",
                failure("{\"value\":\"lots\"}", scalar));
        assertEquals("Failed to parse field 'value': number out of range for double",
                failure("{\"value\":1e999}", scalar));
    }

    @Test
    public void invalidBase64IsRejected() {
        String message = failure("{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},\"agent_id\":{\"value\":\"a\"},"
                + "\"data\":\"not base64!\"}", TaskInfo.getDefaultInstance());

        assertTrue(message, message.startsWith("Failed to parse field 'data': invalid Base64"));
    }

    @Test
    public void malformedJsonIsReportedWithItsPosition() {
        String message = failure("{\"type\": \"SUBSCRIBE\",}", Call.getDefaultInstance());

        assertTrue(message, message.startsWith("Malformed JSON at line 1, column "));
    }

    @Test
    public void topLevelMustBeASingleObject() {
        assertEquals("Expecting a JSON object, got an array", failure("[]", Call.getDefaultInstance()));
        assertEquals("Expecting a JSON object, got end of input", failure("", Call.getDefaultInstance()));
        assertEquals("Unexpected content after the JSON object",
                failure("{\"type\":\"TEARDOWN\"} {}", Call.getDefaultInstance()));
    }

    @Test
    public void parsesFromAStream() {
        byte[] json = "{\"type\":\"TEARDOWN\"}".getBytes(StandardCharsets.UTF_8);

        Call call = MesosJson.parse(new ByteArrayInputStream(json), Call.getDefaultInstance());

        assertEquals(Call.Type.TEARDOWN, call.getType());
    }
}
