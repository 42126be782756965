package io.osmos.http.codec;

import static io.osmos.http.codec.AllTypesSchema.field;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;

/** The mapping over a schema with every field type, which the Mesos protos do not all use. */
public class MesosJsonAllTypesTest {

    private static DynamicMessage parse(String json) {
        return MesosJson.parse(json.getBytes(StandardCharsets.UTF_8), AllTypesSchema.defaultInstance());
    }

    private static String failure(String json) {
        return assertThrows(MesosJsonException.class, () -> parse(json)).getMessage();
    }

    @Test
    public void everyTypeSurvivesARoundTrip() {
        var mapType = field("by_bool").getMessageType();
        DynamicMessage child = AllTypesSchema.newBuilder().setField(field("s"), "nested").build();
        DynamicMessage m = AllTypesSchema.newBuilder()
                .setField(field("d"), -0.125)
                .setField(field("f"), 1.5f)
                .setField(field("i32"), Integer.MIN_VALUE)
                .setField(field("i64"), Long.MAX_VALUE)
                .setField(field("u32"), -2)
                .setField(field("u64"), -2L)
                .setField(field("s32"), -3)
                .setField(field("s64"), -4L)
                .setField(field("fx32"), -5)
                .setField(field("fx64"), -6L)
                .setField(field("sf32"), 7)
                .setField(field("sf64"), -8L)
                .setField(field("b"), true)
                .setField(field("s"), "h\u00e9llo \"quoted\" \u2603")
                .setField(field("by"), ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xfb, (byte) 0xff}))
                .setField(field("child"), child)
                .addRepeatedField(field("ri"), 1).addRepeatedField(field("ri"), -1)
                .addRepeatedField(field("by_bool"), DynamicMessage.newBuilder(mapType)
                        .setField(mapType.findFieldByName("key"), true)
                        .setField(mapType.findFieldByName("value"), "yes").build())
                .addRepeatedField(field("colors"), field("colors").getEnumType().findValueByName("GREEN"))
                .build();

        assertEquals(m, MesosJson.parse(MesosJson.toJson(m), AllTypesSchema.defaultInstance()));
    }

    @Test
    public void mapKeysAreConvertedToTheKeyType() {
        DynamicMessage m = parse("{\"by_int\":{\"-3\":\"minus three\"},\"by_bool\":{\"false\":\"no\"}}");

        assertEquals("{\"by_int\":{\"-3\":\"minus three\"},\"by_bool\":{\"false\":\"no\"}}",
                MesosJson.toJsonString(m));
        assertEquals("Failed to parse field 'by_bool[\"maybe\"]': expected a boolean map key, got 'maybe'",
                failure("{\"by_bool\":{\"maybe\":\"?\"}}"));
        assertEquals("Failed to parse field 'by_int[\"x\"]': expected an integer, got string 'x'",
                failure("{\"by_int\":{\"x\":\"?\"}}"));
    }

    @Test
    public void thirtyTwoBitRangesAreEnforced() {
        assertEquals("Failed to parse field 'i32': value 2147483648 is out of range for int32",
                failure("{\"i32\":2147483648}"));
        assertEquals("Failed to parse field 'u32': value -1 is out of range for uint32", failure("{\"u32\":-1}"));
        assertEquals(-1, parse("{\"u32\":4294967295}").getField(field("u32")));
        assertEquals("Failed to parse field 'f': value 1.0E39 is out of range for float", failure("{\"f\":1e39}"));
        assertEquals(Float.POSITIVE_INFINITY, parse("{\"f\":\"Infinity\"}").getField(field("f")));
    }

    @Test
    public void nullElementsOfArraysAreSkipped() {
        assertEquals(List.of(1, 2), parse("{\"ri\":[1,null,2]}").getField(field("ri")));
    }

    @Test
    public void laterDuplicateKeyWins() {
        assertEquals("b", parse("{\"s\":\"a\",\"s\":\"b\"}").getField(field("s")));
        assertEquals(List.of(3), parse("{\"ri\":[1,2],\"ri\":[3]}").getField(field("ri")));
    }

    @Test
    public void nestingUpToTheLimitIsAccepted() {
        // The top-level object is depth 1, so 63 children reach depth 64.
        String json = "{\"child\":".repeat(63) + "{}" + "}".repeat(63);

        DynamicMessage m = parse(json);

        int depth = 1;
        for (DynamicMessage at = m; at.hasField(field("child")); at = (DynamicMessage) at.getField(field("child"))) {
            depth++;
        }
        assertEquals(64, depth);
    }

    @Test
    public void nestingDeeperThanTheLimitIsRejected() {
        String json = "{\"child\":".repeat(64) + "{}" + "}".repeat(64);

        String message = failure(json);

        assertTrue(message, message.startsWith("JSON nested deeper than 64 at 'child.child."));
    }

    @Test
    public void deepNestingUnderAnUnknownKeyIsRejectedToo() {
        String json = "{\"unknown\":" + "[".repeat(64) + "]".repeat(64) + "}";

        assertEquals("JSON nested deeper than 64 at 'unknown'", failure(json));
    }
}
