package io.osmos.master.impl;

import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.v1.scheduler.Event;

/** A framework's open SUBSCRIBE stream, known by its Mesos-Stream-Id. */
final class SchedulerStream {

    private final String streamId;
    private final RecordIOStream stream;

    SchedulerStream(String streamId, RecordIOStream stream) {
        this.streamId = streamId;
        this.stream = stream;
    }

    String streamId() {
        return streamId;
    }

    boolean isOpen() {
        return stream.isOpen();
    }

    /** Sends one event; false when the stream has closed. */
    boolean send(Event event) {
        return stream.send(event);
    }

    void onClose(Runnable action) {
        stream.onClose(action);
    }

    void close() {
        stream.close();
    }
}
