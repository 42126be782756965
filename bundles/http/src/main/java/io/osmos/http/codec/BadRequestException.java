package io.osmos.http.codec;

/** A request body that cannot be decoded; the message is meant for the body of an HTTP 400 reply. */
public class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
