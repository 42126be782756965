package io.osmos.launcher;

/** A feature that cannot be read, resolved or applied; the message says what to fix. */
public final class FeatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
