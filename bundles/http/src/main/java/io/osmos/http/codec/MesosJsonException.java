package io.osmos.http.codec;

/** A JSON document that cannot be turned into the requested protobuf message; the message names the field. */
public class MesosJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MesosJsonException(String message) {
        super(message);
    }

    public MesosJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
