package io.osmos.http.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;

/**
 * Mesos' own JSON mapping of protobuf messages (stout's {@code protobuf.hpp}), which differs from
 * the proto3 canonical mapping: snake_case field names, enums by name, 64-bit integers as JSON
 * numbers, infinite doubles as the strings {@code "Infinity"} / {@code "-Infinity"}, and maps as
 * JSON objects. Works on any message through its descriptor, streaming with jackson-core.
 */
public final class MesosJson {

    /** Deepest nesting of JSON objects and arrays accepted by {@link #parse}. */
    public static final int MAX_DEPTH = 64;

    // The caller owns streams handed to us, so neither side may close them.
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            // Schubfach instead of Double.toString: the same shortest text, several times faster.
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private MesosJson() {
    }

    /** The message as a JSON object, UTF-8 encoded. */
    public static byte[] toJson(MessageOrBuilder message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(message, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String toJsonString(MessageOrBuilder message) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(message, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the message as one JSON object value: present singular fields and non-empty repeated
     * fields, in declaration order.
     */
    public static void write(MessageOrBuilder message, JsonGenerator g) throws IOException {
        g.writeStartObject();
        List<FieldDescriptor> fields = message.getDescriptorForType().getFields();
        for (FieldDescriptor field : fields) {
            if (field.isRepeated()) {
                int count = message.getRepeatedFieldCount(field);
                if (count == 0) {
                    continue;
                }
                g.writeFieldName(field.getName());
                if (field.isMapField()) {
                    writeMap(message, field, count, g);
                } else {
                    g.writeStartArray();
                    for (int i = 0; i < count; i++) {
                        writeValue(field, message.getRepeatedField(field, i), g);
                    }
                    g.writeEndArray();
                }
            } else if (message.hasField(field) || writesDefault(field)) {
                g.writeFieldName(field.getName());
                writeValue(field, message.getField(field), g);
            }
        }
        g.writeEndObject();
    }

    /** Parses a JSON object into a message of the default instance's type. */
    public static <T extends Message> T parse(byte[] json, T defaultInstance) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = FACTORY.createParser(json)) {
            return JsonMessageReader.read(p, defaultInstance);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a JSON object read from the stream, which is left open.
     *
     * @throws UncheckedIOException when reading the stream fails
     */
    public static <T extends Message> T parse(InputStream json, T defaultInstance) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = FACTORY.createParser(json)) {
            return JsonMessageReader.read(p, defaultInstance);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MesosJsonException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String detail = e.getOriginalMessage();
        // Jackson appends a second location that only repeats "source redacted"; the first is enough.
        int noise = detail.indexOf(" (start marker at");
        return new MesosJsonException("Malformed JSON" + where + ": "
                + (noise < 0 ? detail : detail.substring(0, noise)), e);
    }

    /** Mesos writes an unset field that declares a default (unless deprecated) with that default. */
    private static boolean writesDefault(FieldDescriptor field) {
        return field.hasDefaultValue() && !field.getOptions().getDeprecated();
    }

    private static void writeMap(MessageOrBuilder message, FieldDescriptor field, int count, JsonGenerator g)
            throws IOException {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        g.writeStartObject();
        for (int i = 0; i < count; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            g.writeFieldName(mapKey(keyField, entry.getField(keyField)));
            writeValue(valueField, entry.getField(valueField), g);
        }
        g.writeEndObject();
    }

    private static String mapKey(FieldDescriptor keyField, Object key) {
        return switch (keyField.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) key);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) key);
            default -> String.valueOf(key);
        };
    }

    private static void writeValue(FieldDescriptor field, Object value, JsonGenerator g) throws IOException {
        switch (field.getType()) {
            case DOUBLE -> writeDouble((Double) value, g);
            case FLOAT -> writeFloat((Float) value, g);
            case INT32, SINT32, SFIXED32 -> g.writeNumber((Integer) value);
            case UINT32, FIXED32 -> g.writeNumber(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> g.writeNumber((Long) value);
            case UINT64, FIXED64 -> writeUnsigned64((Long) value, g);
            case BOOL -> g.writeBoolean((Boolean) value);
            case STRING -> g.writeString((String) value);
            case BYTES -> g.writeString(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> g.writeString(((EnumValueDescriptor) value).getName());
            case MESSAGE, GROUP -> write((MessageOrBuilder) value, g);
        }
    }

    private static void writeUnsigned64(long value, JsonGenerator g) throws IOException {
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(Long.toUnsignedString(value));
        }
    }

    private static final ThreadLocal<char[]> DOUBLE_TEXT = ThreadLocal.withInitial(() -> new char[24]);

    /**
     * A double as Mesos JSON: the shortest text that reads back as the same double, and the strings
     * "Infinity", "-Infinity" and "NaN" for the values JSON has no number for.
     */
    public static void writeDouble(double value, JsonGenerator g) throws IOException {
        char[] text = DOUBLE_TEXT.get();
        int length = Thousandths.format(value, text);
        if (length > 0) {
            g.writeNumber(text, 0, length);
        } else if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeString(nonFinite(value));
        }
    }

    static void writeFloat(float value, JsonGenerator g) throws IOException {
        if (Float.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeString(nonFinite(value));
        }
    }

    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return value > 0 ? "Infinity" : "-Infinity";
    }
}
