package io.osmos.http.codec;

import java.io.IOException;
import java.util.BitSet;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;

/**
 * Mesos JSON of a message written from its protobuf encoding rather than through protobuf
 * reflection: the message is serialized (fast, sizes memoized) into a reused buffer and the bytes are
 * transcoded field by field, guided by the descriptor. Same JSON as {@link MesosJson#write} up to the
 * order of keys (field-number order here): unknown fields are left out, unset fields declaring a
 * default are written with it, maps become objects and infinite doubles "Infinity".
 */
final class WireJson {

    /**
     * What transcoding a message type needs, found once per type: fields by number, encoded names,
     * defaults, how each field is laid out, and the plans of nested message types (filled lazily, as
     * types may nest themselves). Descriptor queries are slow enough to matter at hundreds of MB.
     */
    private static final class Plan {
        private static final int DIRECT_NUMBERS = 256;
        private static final byte SINGLE = 0;
        private static final byte REPEATED = 1;
        private static final byte PACKABLE = 2;
        private static final byte MAP = 3;

        final Descriptor type;
        final FieldDescriptor[] byNumber;
        final SerializableString[] names;
        final byte[] layouts;
        final FieldDescriptor[] defaults;
        final Plan[] nested;

        Plan(Descriptor type) {
            this.type = type;
            int max = 0;
            for (FieldDescriptor field : type.getFields()) {
                max = Math.max(max, field.getNumber());
            }
            int count = type.getFields().size();
            byNumber = new FieldDescriptor[Math.min(max, DIRECT_NUMBERS) + 1];
            names = new SerializableString[count];
            layouts = new byte[count];
            nested = new Plan[count];
            java.util.List<FieldDescriptor> withDefaults = new java.util.ArrayList<>();
            for (FieldDescriptor field : type.getFields()) {
                if (field.getNumber() < byNumber.length) {
                    byNumber[field.getNumber()] = field;
                }
                names[field.getIndex()] = new SerializedString(field.getName());
                layouts[field.getIndex()] = layout(field);
                if (!field.isRepeated() && field.hasDefaultValue() && !field.getOptions().getDeprecated()) {
                    withDefaults.add(field);
                }
            }
            defaults = withDefaults.toArray(FieldDescriptor[]::new);
        }

        private static byte layout(FieldDescriptor field) {
            if (field.isMapField()) {
                return MAP;
            }
            if (!field.isRepeated()) {
                return SINGLE;
            }
            FieldDescriptor.JavaType java = field.getJavaType();
            return java == FieldDescriptor.JavaType.MESSAGE || java == FieldDescriptor.JavaType.STRING
                    || java == FieldDescriptor.JavaType.BYTE_STRING ? REPEATED : PACKABLE;
        }

        static Plan of(Descriptor type) {
            return PLANS.computeIfAbsent(type, Plan::new);
        }

        FieldDescriptor field(int number) {
            return number < byNumber.length ? byNumber[number] : type.findFieldByNumber(number);
        }

        Plan nested(FieldDescriptor field) {
            Plan plan = nested[field.getIndex()];
            if (plan == null) {
                // A benign race: two threads may both look it up; they store the same plan.
                plan = of(field.getMessageType());
                nested[field.getIndex()] = plan;
            }
            return plan;
        }
    }

    private static final ConcurrentHashMap<Descriptor, Plan> PLANS = new ConcurrentHashMap<>();
    private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[][] {new byte[4096]});

    private final byte[] buffer;
    private final CodedInputStream in;
    private final JsonGenerator g;

    private WireJson(byte[] buffer, CodedInputStream in, JsonGenerator g) {
        this.buffer = buffer;
        this.in = in;
        this.g = g;
    }

    static void write(Message message, JsonGenerator g) throws IOException {
        int size = message.getSerializedSize();
        byte[][] holder = BUFFER.get();
        if (holder[0].length < size) {
            holder[0] = new byte[Math.max(size, holder[0].length * 2)];
        }
        byte[] buffer = holder[0];
        CodedOutputStream out = CodedOutputStream.newInstance(buffer, 0, size);
        message.writeTo(out);
        CodedInputStream in = CodedInputStream.newInstance(buffer, 0, size);
        new WireJson(buffer, in, g).object(Plan.of(message.getDescriptorForType()));
    }

    /** One message read up to the stream's current limit, as a JSON object. */
    private void object(Plan plan) throws IOException {
        g.writeStartObject();
        Seen seen = plan.defaults.length == 0 ? null : new Seen(plan.names.length);
        FieldDescriptor open = null;
        for (int tag; (tag = in.readTag()) != 0;) {
            FieldDescriptor field = plan.field(WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            int index = field.getIndex();
            byte layout = plan.layouts[index];
            if (field != open) {
                close(plan, open);
                open = null;
                g.writeFieldName(plan.names[index]);
                if (layout != Plan.SINGLE) {
                    open = field;
                    if (layout == Plan.MAP) {
                        g.writeStartObject();
                    } else {
                        g.writeStartArray();
                    }
                }
            }
            if (seen != null) {
                seen.set(index);
            }
            if (layout == Plan.MAP) {
                entry(field);
            } else if (layout == Plan.PACKABLE && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                packed(plan, field);
            } else {
                value(plan, field);
            }
        }
        close(plan, open);
        if (seen != null) {
            defaults(plan, seen);
        }
        g.writeEndObject();
    }

    /** Which fields a message had: a bit mask for the usual few dozen fields, a bit set beyond. */
    private static final class Seen {
        private long mask;
        private final BitSet more;

        Seen(int fields) {
            more = fields > Long.SIZE ? new BitSet(fields) : null;
        }

        void set(int index) {
            if (more == null) {
                mask |= 1L << index;
            } else {
                more.set(index);
            }
        }

        boolean get(int index) {
            return more == null ? (mask & (1L << index)) != 0 : more.get(index);
        }
    }

    private void close(Plan plan, FieldDescriptor open) throws IOException {
        if (open == null) {
            return;
        }
        if (plan.layouts[open.getIndex()] == Plan.MAP) {
            g.writeEndObject();
        } else {
            g.writeEndArray();
        }
    }

    /** Mesos writes an unset singular field that declares a default (unless deprecated) with it. */
    private void defaults(Plan plan, Seen seen) throws IOException {
        for (FieldDescriptor field : plan.defaults) {
            if (!seen.get(field.getIndex())) {
                g.writeFieldName(plan.names[field.getIndex()]);
                defaultValue(field);
            }
        }
    }

    private void defaultValue(FieldDescriptor field) throws IOException {
        Object value = field.getDefaultValue();
        switch (field.getType()) {
            case DOUBLE -> MesosJson.writeDouble((Double) value, g);
            case FLOAT -> MesosJson.writeFloat((Float) value, g);
            case INT32, SINT32, SFIXED32 -> g.writeNumber((Integer) value);
            case UINT32, FIXED32 -> g.writeNumber(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> g.writeNumber((Long) value);
            case UINT64, FIXED64 -> unsigned64((Long) value);
            case BOOL -> g.writeBoolean((Boolean) value);
            case STRING -> g.writeString((String) value);
            case BYTES -> g.writeString(Base64.getEncoder().encodeToString(
                    ((com.google.protobuf.ByteString) value).toByteArray()));
            case ENUM -> g.writeString(((EnumValueDescriptor) value).getName());
            default -> g.writeNull();
        }
    }

    private void packed(Plan plan, FieldDescriptor field) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            value(plan, field);
        }
        in.popLimit(limit);
    }

    /** A map entry: {@code "key": value}, the key written as text whatever its type. */
    private void entry(FieldDescriptor field) throws IOException {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        int limit = in.pushLimit(in.readRawVarint32());
        boolean keyWritten = false;
        for (int tag; (tag = in.readTag()) != 0;) {
            int number = WireFormat.getTagFieldNumber(tag);
            if (number == 1) {
                g.writeFieldName(key(keyField));
                keyWritten = true;
            } else if (number == 2) {
                if (!keyWritten) {
                    g.writeFieldName(String.valueOf(keyField.getDefaultValue()));
                    keyWritten = true;
                }
                value(null, valueField);
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
    }

    private String key(FieldDescriptor keyField) throws IOException {
        return switch (keyField.getType()) {
            case STRING -> in.readString();
            case BOOL -> String.valueOf(in.readBool());
            case INT32 -> String.valueOf(in.readInt32());
            case SINT32 -> String.valueOf(in.readSInt32());
            case SFIXED32 -> String.valueOf(in.readSFixed32());
            case UINT32 -> Integer.toUnsignedString(in.readUInt32());
            case FIXED32 -> Integer.toUnsignedString(in.readFixed32());
            case INT64 -> String.valueOf(in.readInt64());
            case SINT64 -> String.valueOf(in.readSInt64());
            case SFIXED64 -> String.valueOf(in.readSFixed64());
            case UINT64 -> Long.toUnsignedString(in.readUInt64());
            case FIXED64 -> Long.toUnsignedString(in.readFixed64());
            default -> throw new IOException("Map key of type " + keyField.getType() + " in " + keyField.getFullName());
        };
    }

    /** {@code plan} is that of the message holding {@code field}; null for a map's value. */
    private void value(Plan plan, FieldDescriptor field) throws IOException {
        switch (field.getType()) {
            case DOUBLE -> MesosJson.writeDouble(in.readDouble(), g);
            case FLOAT -> MesosJson.writeFloat(in.readFloat(), g);
            case INT32 -> g.writeNumber(in.readInt32());
            case SINT32 -> g.writeNumber(in.readSInt32());
            case SFIXED32 -> g.writeNumber(in.readSFixed32());
            case UINT32 -> g.writeNumber(Integer.toUnsignedLong(in.readUInt32()));
            case FIXED32 -> g.writeNumber(Integer.toUnsignedLong(in.readFixed32()));
            case INT64 -> g.writeNumber(in.readInt64());
            case SINT64 -> g.writeNumber(in.readSInt64());
            case SFIXED64 -> g.writeNumber(in.readSFixed64());
            case UINT64 -> unsigned64(in.readUInt64());
            case FIXED64 -> unsigned64(in.readFixed64());
            case BOOL -> g.writeBoolean(in.readBool());
            case STRING -> {
                // The UTF-8 bytes go out as they are (escaped), never decoded into a String.
                int length = in.readRawVarint32();
                int at = in.getTotalBytesRead();
                in.skipRawBytes(length);
                g.writeUTF8String(buffer, at, length);
            }
            case BYTES -> {
                int length = in.readRawVarint32();
                int at = in.getTotalBytesRead();
                in.skipRawBytes(length);
                g.writeString(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(buffer, at, at + length)));
            }
            case ENUM -> enumValue(field, in.readEnum());
            case MESSAGE -> {
                int limit = in.pushLimit(in.readRawVarint32());
                object(plan == null ? Plan.of(field.getMessageType()) : plan.nested(field));
                in.popLimit(limit);
            }
            case GROUP -> throw new IOException("Groups are not supported: " + field.getFullName());
        }
    }

    private void enumValue(FieldDescriptor field, int number) throws IOException {
        EnumValueDescriptor value = field.getEnumType().findValueByNumber(number);
        if (value != null) {
            g.writeString(value.getName());
        } else {
            g.writeNumber(number);
        }
    }

    private void unsigned64(long value) throws IOException {
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(Long.toUnsignedString(value));
        }
    }
}
