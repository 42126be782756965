package io.osmos.modules.impl;

/** A refused or failed module operation, with the HTTP status that tells the operator why. */
final class ModuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final int BAD_REQUEST = 400;
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int FAILED = 500;

    private final int status;

    ModuleException(int status, String message) {
        super(message);
        this.status = status;
    }

    ModuleException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
