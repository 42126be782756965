package io.osmos.http.codec;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.WireFormat;

/** The writing pass of {@link DirectSerializer#protobuf}, using the sizes the sizing pass found. */
final class ProtoFieldSink implements FieldSink {

    private final CodedOutputStream out;
    private final int[] sizes;
    private final Deque<Integer> repeated = new ArrayDeque<>();
    private int next;

    ProtoFieldSink(CodedOutputStream out, int[] sizes) {
        this.out = out;
        this.sizes = sizes;
    }

    @Override
    public void message(int number, String name, Message value) throws IOException {
        out.writeMessage(number, value);
    }

    @Override
    public void begin(int number, String name) throws IOException {
        out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(sizes[next++]);
    }

    @Override
    public void end() {
        // Nothing closes a length-delimited field: its length went first.
    }

    @Override
    public void beginRepeated(int number, String name) {
        repeated.push(number);
    }

    @Override
    public void endRepeated() {
        repeated.pop();
    }

    @Override
    public void element(Message value) throws IOException {
        out.writeMessage(repeated.peek(), value);
    }

    @Override
    public void beginElement() throws IOException {
        begin(repeated.peek(), null);
    }

    @Override
    public void enumValue(int number, String name, ProtocolMessageEnum value) throws IOException {
        out.writeEnum(number, value.getNumber());
    }

    @Override
    public void bool(int number, String name, boolean value) throws IOException {
        out.writeBool(number, value);
    }

    @Override
    public void doubleValue(int number, String name, double value) throws IOException {
        out.writeDouble(number, value);
    }

    @Override
    public void string(int number, String name, String value) throws IOException {
        out.writeString(number, value);
    }
}
