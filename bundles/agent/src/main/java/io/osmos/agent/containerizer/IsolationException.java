package io.osmos.agent.containerizer;

/** A container could not be isolated (an isolator is missing or failed); the message says why. */
public final class IsolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IsolationException(String message, Throwable cause) {
        super(message, cause);
    }

    public IsolationException(String message) {
        super(message);
    }
}
