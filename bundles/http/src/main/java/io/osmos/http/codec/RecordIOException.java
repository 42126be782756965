package io.osmos.http.codec;

/** A RecordIO stream that violates the framing; the stream cannot be resynchronised after it. */
public class RecordIOException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecordIOException(String message) {
        super(message);
    }
}
