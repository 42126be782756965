package io.osmos.http.codec;

import java.io.IOException;

import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;

/**
 * Where a response is written field by field, straight from a model, without building the response
 * message first: the same writing code produces protobuf ({@link DirectSerializer#protobuf}) or
 * Mesos JSON ({@link DirectSerializer#json}). Fields are named by their proto number and name; a
 * writer must write the same fields in the same order each time it is asked (protobuf needs two
 * passes, one to size the nested messages and one to write them).
 */
public interface FieldSink {

    /** A singular message field holding a whole message. */
    void message(int number, String name, Message value) throws IOException;

    /** Opens a singular message field whose fields follow; closed by {@link #end()}. */
    void begin(int number, String name) throws IOException;

    /** Closes the message opened last, by {@link #begin} or {@link #beginElement}. */
    void end() throws IOException;

    /** Opens a repeated message field; its elements follow; closed by {@link #endRepeated()}. */
    void beginRepeated(int number, String name) throws IOException;

    void endRepeated() throws IOException;

    /** One element of the open repeated field, a whole message. */
    void element(Message value) throws IOException;

    /** Opens one element of the open repeated field, whose fields follow; closed by {@link #end()}. */
    void beginElement() throws IOException;

    void enumValue(int number, String name, ProtocolMessageEnum value) throws IOException;

    void bool(int number, String name, boolean value) throws IOException;

    void doubleValue(int number, String name, double value) throws IOException;

    void string(int number, String name, String value) throws IOException;
}
