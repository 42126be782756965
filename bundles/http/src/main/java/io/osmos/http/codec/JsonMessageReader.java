package io.osmos.http.codec;

import static io.osmos.http.codec.JsonScalars.fail;
import static io.osmos.http.codec.JsonScalars.kind;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/** Streams JSON tokens into a message builder following Mesos' mapping; see {@link MesosJson}. */
final class JsonMessageReader {

    private JsonMessageReader() {
    }

    @SuppressWarnings("unchecked")
    static <T extends Message> T read(JsonParser p, T defaultInstance) throws IOException {
        JsonToken first = p.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new MesosJsonException("Expecting a JSON object, got " + kind(first));
        }
        Message.Builder builder = defaultInstance.newBuilderForType();
        mergeObject(p, builder, "", 1);
        if (p.nextToken() != null) {
            throw new MesosJsonException("Unexpected content after the JSON object");
        }
        if (!builder.isInitialized()) {
            throw new MesosJsonException(
                    "Missing required fields: " + String.join(", ", builder.findInitializationErrors()));
        }
        return (T) builder.build();
    }

    /** Reads the object whose START_OBJECT is the current token, up to its END_OBJECT. */
    private static void mergeObject(JsonParser p, Message.Builder builder, String path, int depth)
            throws IOException {
        checkDepth(depth, path);
        Descriptor type = builder.getDescriptorForType();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            FieldDescriptor field = type.findFieldByName(name);
            if (field == null) {
                // Mesos ignores unknown keys so that newer clients can talk to older masters.
                skip(p, fieldPath, depth);
            } else if (value == JsonToken.VALUE_NULL) {
                builder.clearField(field);
            } else if (field.isMapField()) {
                readMap(p, builder, field, fieldPath, depth);
            } else if (field.isRepeated()) {
                readArray(p, builder, field, fieldPath, depth);
            } else {
                builder.setField(field, readValue(p, builder, field, fieldPath, depth));
            }
        }
    }

    private static void readArray(JsonParser p, Message.Builder builder, FieldDescriptor field, String path,
            int depth) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail(path, "expected an array, got " + kind(p.currentToken()));
        }
        checkDepth(depth + 1, path);
        builder.clearField(field);
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
            if (t != JsonToken.VALUE_NULL) {
                String elementPath = path + "[" + index + "]";
                builder.addRepeatedField(field, readValue(p, builder, field, elementPath, depth + 1));
            }
        }
    }

    private static void readMap(JsonParser p, Message.Builder builder, FieldDescriptor field, String path,
            int depth) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail(path, "expected an object, got " + kind(p.currentToken()));
        }
        checkDepth(depth + 1, path);
        builder.clearField(field);
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String entryPath = path + "[\"" + key + "\"]";
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            Message.Builder entry = builder.newBuilderForField(field);
            entry.setField(keyField, JsonScalars.mapKey(keyField, key, entryPath));
            entry.setField(valueField, readValue(p, entry, valueField, entryPath, depth + 1));
            // Partial, so that a value lacking required fields is reported with all the others.
            builder.addRepeatedField(field, entry.buildPartial());
        }
    }

    /** One singular value, or one element of a repeated field; the value's first token is current. */
    private static Object readValue(JsonParser p, Message.Builder owner, FieldDescriptor field, String path,
            int depth) throws IOException {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return JsonScalars.read(p, field, path);
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail(path, "expected an object, got " + kind(p.currentToken()));
        }
        Message.Builder nested = owner.newBuilderForField(field);
        mergeObject(p, nested, path, depth + 1);
        return nested.buildPartial();
    }

    /** Skips the current value, enforcing the depth limit inside it too. */
    private static void skip(JsonParser p, String path, int depth) throws IOException {
        if (!p.currentToken().isStructStart()) {
            return;
        }
        int level = depth + 1;
        checkDepth(level, path);
        while (level > depth) {
            JsonToken t = p.nextToken();
            if (t.isStructStart()) {
                checkDepth(++level, path);
            } else if (t.isStructEnd()) {
                level--;
            }
        }
    }

    private static void checkDepth(int depth, String path) {
        if (depth > MesosJson.MAX_DEPTH) {
            throw new MesosJsonException("JSON nested deeper than " + MesosJson.MAX_DEPTH
                    + (path.isEmpty() ? "" : " at '" + path + "'"));
        }
    }
}
