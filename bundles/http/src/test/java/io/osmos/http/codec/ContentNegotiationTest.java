package io.osmos.http.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.Test;

import io.osmos.http.codec.ContentNegotiation.RequestType;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.scheduler.Call;

public class ContentNegotiationTest {

    private static final Call TEARDOWN = Call.newBuilder().setType(Call.Type.TEARDOWN)
            .setFrameworkId(FrameworkID.newBuilder().setValue("f1")).build();

    @Test
    public void contentTypeSelectsTheBodyEncoding() {
        assertEquals(RequestType.JSON, ContentNegotiation.requestType("application/json"));
        assertEquals(RequestType.JSON, ContentNegotiation.requestType("application/json; charset=utf-8"));
        assertEquals(RequestType.JSON, ContentNegotiation.requestType("Application/JSON"));
        assertEquals(RequestType.PROTOBUF, ContentNegotiation.requestType("application/x-protobuf"));
        assertEquals(Optional.of(MediaType.PROTOBUF),
                ContentNegotiation.requestType("application/x-protobuf").mediaType());
    }

    @Test
    public void missingContentTypeIsA400() {
        assertEquals(RequestType.MISSING, ContentNegotiation.requestType(null));
        assertEquals(RequestType.MISSING, ContentNegotiation.requestType("  "));
        assertTrue(ContentNegotiation.requestType(null).isMissing());
        assertEquals(Optional.empty(), RequestType.MISSING.mediaType());
        assertEquals("Expecting 'Content-Type' to be present", ContentNegotiation.MISSING_CONTENT_TYPE);
    }

    @Test
    public void otherContentTypesAreA415() {
        assertEquals(RequestType.UNSUPPORTED, ContentNegotiation.requestType("text/plain"));
        assertEquals(RequestType.UNSUPPORTED, ContentNegotiation.requestType("application/recordio"));
        assertTrue(ContentNegotiation.requestType("text/plain").isUnsupported());
        assertEquals("Expecting 'Content-Type' of application/json or application/x-protobuf",
                ContentNegotiation.UNSUPPORTED_CONTENT_TYPE);
    }

    @Test
    public void jsonWinsWheneverItIsAcceptable() {
        assertEquals(Optional.of(MediaType.JSON), ContentNegotiation.responseType(null));
        assertEquals(Optional.of(MediaType.JSON), ContentNegotiation.responseType("*/*"));
        assertEquals(Optional.of(MediaType.JSON), ContentNegotiation.responseType("application/*"));
        assertEquals(Optional.of(MediaType.JSON), ContentNegotiation.responseType("application/json"));
        assertEquals(Optional.of(MediaType.JSON),
                ContentNegotiation.responseType("application/x-protobuf, application/json;q=0.1"));
        assertEquals(Optional.of(MediaType.JSON), ContentNegotiation.responseType("text/html, */*;q=0.8"));
    }

    @Test
    public void protobufWhenOnlyProtobufIsAcceptable() {
        assertEquals(Optional.of(MediaType.PROTOBUF), ContentNegotiation.responseType("application/x-protobuf"));
        assertEquals(Optional.of(MediaType.PROTOBUF),
                ContentNegotiation.responseType("application/json;q=0, application/x-protobuf"));
        assertEquals(Optional.of(MediaType.PROTOBUF),
                ContentNegotiation.responseType("application/json; q=0.0, */*"));
    }

    @Test
    public void nothingAcceptableIsA406() {
        assertEquals(Optional.empty(), ContentNegotiation.responseType("text/html"));
        assertEquals(Optional.empty(), ContentNegotiation.responseType("application/*;q=0"));
        assertEquals(Optional.empty(), ContentNegotiation.responseType("application/recordio"));
    }

    @Test
    public void mostSpecificEntryDecides() {
        // The exact type's q=0 beats the wildcard that would allow it.
        assertEquals(Optional.of(MediaType.PROTOBUF),
                ContentNegotiation.responseType("*/*, application/json;q=0"));
    }

    @Test
    public void bothEncodingsDecodeTheSameCall() {
        byte[] json = ContentNegotiation.encode(MediaType.JSON, TEARDOWN);
        byte[] protobuf = ContentNegotiation.encode(MediaType.PROTOBUF, TEARDOWN);

        assertEquals("{\"framework_id\":{\"value\":\"f1\"},\"type\":\"TEARDOWN\"}",
                new String(json, StandardCharsets.UTF_8));
        assertArrayEquals(TEARDOWN.toByteArray(), protobuf);
        assertEquals(TEARDOWN, ContentNegotiation.decode(MediaType.JSON, json, Call.getDefaultInstance()));
        assertEquals(TEARDOWN, ContentNegotiation.decode(MediaType.PROTOBUF, protobuf, Call.getDefaultInstance()));
    }

    @Test
    public void builderIsEncodedWithoutRequiringItsRequiredFields() {
        FrameworkInfo.Builder partial = FrameworkInfo.newBuilder().setUser("u");

        assertArrayEquals(partial.buildPartial().toByteArray(), ContentNegotiation.encode(MediaType.PROTOBUF, partial));
    }

    @Test
    public void protobufLackingRequiredFieldsIsABadRequest() {
        byte[] body = Call.Subscribe.newBuilder()
                .setFrameworkInfo(FrameworkInfo.newBuilder().setUser("u").buildPartial()).buildPartial().toByteArray();

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ContentNegotiation.decode(MediaType.PROTOBUF, body, Call.Subscribe.getDefaultInstance()));

        assertEquals("Missing required fields: framework_info.name", e.getMessage());
    }

    @Test
    public void garbageProtobufIsABadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ContentNegotiation
                .decode(MediaType.PROTOBUF, new byte[] {(byte) 0xff, (byte) 0xff}, Call.getDefaultInstance()));

        assertTrue(e.getMessage(), e.getMessage().startsWith("Invalid protobuf message: "));
    }

    @Test
    public void jsonErrorsBecomeBadRequestsWithTheSameMessage() {
        byte[] body = "{\"type\":\"FOO\"}".getBytes(StandardCharsets.UTF_8);

        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ContentNegotiation.decode(MediaType.JSON, body, Call.getDefaultInstance()));

        assertEquals("Failed to parse field 'type': unknown enum value 'FOO' for mesos.v1.scheduler.Call.Type",
                e.getMessage());
    }

    @Test
    public void emptyJsonBodyIsABadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> ContentNegotiation.decode(MediaType.JSON, new byte[0], Call.getDefaultInstance()));

        assertEquals("Expecting a JSON object, got end of input", e.getMessage());
    }
}
