package io.osmos.http.codec;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;

/**
 * Mesos JSON from a {@link FieldSink} writer: whole messages go through {@link TaskJson} and
 * {@link WireJson}, several times faster than reflection; an empty repeated field is left out, so an array starts only
 * with its first element.
 */
final class JsonFieldSink implements FieldSink {

    /** A repeated field opened but maybe not started yet. */
    private static final class Repeated {
        final String name;
        boolean started;

        Repeated(String name) {
            this.name = name;
        }
    }

    private final JsonGenerator g;
    private final Deque<Repeated> repeated = new ArrayDeque<>();

    JsonFieldSink(JsonGenerator g) {
        this.g = g;
    }

    @Override
    public void message(int number, String name, Message value) throws IOException {
        g.writeFieldName(name);
        TaskJson.write(value, g);
    }

    @Override
    public void begin(int number, String name) throws IOException {
        g.writeFieldName(name);
        g.writeStartObject();
    }

    @Override
    public void end() throws IOException {
        g.writeEndObject();
    }

    @Override
    public void beginRepeated(int number, String name) {
        repeated.push(new Repeated(name));
    }

    @Override
    public void endRepeated() throws IOException {
        if (repeated.pop().started) {
            g.writeEndArray();
        }
    }

    @Override
    public void element(Message value) throws IOException {
        startArray();
        TaskJson.write(value, g);
    }

    @Override
    public void beginElement() throws IOException {
        startArray();
        g.writeStartObject();
    }

    @Override
    public void enumValue(int number, String name, ProtocolMessageEnum value) throws IOException {
        g.writeStringField(name, value.getValueDescriptor().getName());
    }

    @Override
    public void bool(int number, String name, boolean value) throws IOException {
        g.writeBooleanField(name, value);
    }

    @Override
    public void doubleValue(int number, String name, double value) throws IOException {
        g.writeFieldName(name);
        MesosJson.writeDouble(value, g);
    }

    @Override
    public void string(int number, String name, String value) throws IOException {
        g.writeStringField(name, value);
    }

    private void startArray() throws IOException {
        Repeated open = repeated.peek();
        if (!open.started) {
            g.writeFieldName(open.name);
            g.writeStartArray();
            open.started = true;
        }
    }
}
