package io.osmos.http.codec;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.CodedOutputStream;

/**
 * Serializes a {@link Body} straight into protobuf or Mesos JSON bytes. Protobuf takes two passes over
 * the body (sizes of the nested messages first, then the bytes); whole messages handed over keep
 * their memoized sizes, so the first pass is cheap.
 */
public final class DirectSerializer {

    /** Writes a response's fields; called once for JSON, twice for protobuf. */
    @FunctionalInterface
    public interface Body {
        void writeTo(FieldSink sink) throws IOException;
    }

    /** Writes a JSON object's fields with the generator itself, for shapes that are no proto message. */
    @FunctionalInterface
    public interface JsonFields {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private DirectSerializer() {
    }

    public static byte[] encode(MediaType type, Body body) {
        return type == MediaType.PROTOBUF ? protobuf(body) : json(body);
    }

    public static byte[] protobuf(Body body) {
        try {
            ProtoSizes sizes = new ProtoSizes();
            body.writeTo(sizes);
            byte[] bytes = new byte[sizes.total()];
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.writeTo(new ProtoFieldSink(out, sizes.nested()));
            out.checkNoSpaceLeft();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] json(Body body) {
        return jsonObject(g -> body.writeTo(new JsonFieldSink(g)));
    }

    /** A JSON object whose fields the caller writes, with the same generator settings as {@link #json}. */
    public static byte[] jsonObject(JsonFields fields) {
        ChunkedBytes bytes = new ChunkedBytes();
        try (JsonGenerator g = MesosJson.FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            fields.writeTo(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
