package io.osmos.http.codec;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;

/** The sizing pass of {@link DirectSerializer#protobuf}: the size of every nested message, in opening order. */
final class ProtoSizes implements FieldSink {

    private static final class Open {
        final int number;
        final int index;
        int size;

        Open(int number, int index) {
            this.number = number;
            this.index = index;
        }
    }

    private final Deque<Open> open = new ArrayDeque<>();
    private final Deque<Integer> repeated = new ArrayDeque<>();
    private int[] nested = new int[64];
    private int count;
    private int total;

    int total() {
        return total;
    }

    /** The sizes of the nested messages in the order they were opened. */
    int[] nested() {
        return Arrays.copyOf(nested, count);
    }

    @Override
    public void message(int number, String name, Message value) {
        add(CodedOutputStream.computeMessageSize(number, value));
    }

    @Override
    public void begin(int number, String name) {
        if (count == nested.length) {
            nested = Arrays.copyOf(nested, count * 2);
        }
        open.push(new Open(number, count++));
    }

    @Override
    public void end() {
        Open closed = open.pop();
        nested[closed.index] = closed.size;
        add(CodedOutputStream.computeTagSize(closed.number) + CodedOutputStream.computeUInt32SizeNoTag(closed.size)
                + closed.size);
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
    public void element(Message value) {
        add(CodedOutputStream.computeMessageSize(repeated.peek(), value));
    }

    @Override
    public void beginElement() {
        begin(repeated.peek(), null);
    }

    @Override
    public void enumValue(int number, String name, ProtocolMessageEnum value) {
        add(CodedOutputStream.computeEnumSize(number, value.getNumber()));
    }

    @Override
    public void bool(int number, String name, boolean value) {
        add(CodedOutputStream.computeBoolSize(number, value));
    }

    @Override
    public void doubleValue(int number, String name, double value) {
        add(CodedOutputStream.computeDoubleSize(number, value));
    }

    @Override
    public void string(int number, String name, String value) {
        add(CodedOutputStream.computeStringSize(number, value));
    }

    private void add(int bytes) {
        if (open.isEmpty()) {
            total += bytes;
        } else {
            open.peek().size += bytes;
        }
    }
}
