package io.osmos.master.api;

/**
 * How a call ended, as the HTTP status Mesos answers with and, for errors, Mesos' message
 * (empty for 200 and 202).
 */
public record CallOutcome(int status, String message) {

    public static final CallOutcome OK = new CallOutcome(200, "");
    public static final CallOutcome ACCEPTED = new CallOutcome(202, "");
    /** What every call gets until the master has recovered its registry (Mesos' words). */
    public static final CallOutcome NOT_RECOVERED = new CallOutcome(503, "Master has not finished recovery");

    public CallOutcome {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Not an HTTP status: " + status);
        }
        message = message == null ? "" : message;
    }

    public static CallOutcome badRequest(String message) {
        return new CallOutcome(400, message);
    }

    public static CallOutcome forbidden(String message) {
        return new CallOutcome(403, message);
    }

    public static CallOutcome conflict(String message) {
        return new CallOutcome(409, message);
    }

    public boolean isError() {
        return status >= 300;
    }
}
