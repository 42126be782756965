package io.osmos.api.resources;

import java.util.Objects;

/**
 * What applying one offer operation to an agent's resources gave: either the resources it
 * consumed, what it converted them to and the resources after it, or why it could not be applied.
 *
 * <p>A refusal is either {@link Status#INVALID}, an operation Mesos' master validation rejects
 * whatever the agent holds (the operator API answers 400 Bad Request; in a scheduler's ACCEPT the
 * operation is dropped), or {@link Status#NOT_AVAILABLE}, a valid operation whose consumed
 * resources the given resources do not hold (the operator API answers 409 Conflict).
 */
public final class OperationResult {

    public enum Status { APPLIED, INVALID, NOT_AVAILABLE }

    private final Status status;
    private final String message;
    private final Resources consumed;
    private final Resources converted;
    private final Resources resources;

    private OperationResult(Status status, String message, Resources consumed, Resources converted,
            Resources resources) {
        this.status = status;
        this.message = message;
        this.consumed = consumed;
        this.converted = converted;
        this.resources = resources;
    }

    static OperationResult applied(Resources consumed, Resources converted, Resources resources) {
        return new OperationResult(Status.APPLIED, "", consumed, converted, resources);
    }

    static OperationResult invalid(String message) {
        return new OperationResult(Status.INVALID, Objects.requireNonNull(message), null, null, null);
    }

    static OperationResult notAvailable(String message) {
        return new OperationResult(Status.NOT_AVAILABLE, Objects.requireNonNull(message), null, null, null);
    }

    public Status status() {
        return status;
    }

    public boolean isApplied() {
        return status == Status.APPLIED;
    }

    /** Why the operation was refused; empty when it was applied. */
    public String message() {
        return message;
    }

    /** What the operation took from the resources (Mesos' {@code ResourceConversion.consumed}). */
    public Resources consumed() {
        return applied(consumed);
    }

    /** What it put in their place (Mesos' {@code ResourceConversion.converted}); same totals as {@link #consumed}. */
    public Resources converted() {
        return applied(converted);
    }

    /** The resources after the operation: those given, less {@link #consumed}, plus {@link #converted}. */
    public Resources resources() {
        return applied(resources);
    }

    private Resources applied(Resources value) {
        if (status != Status.APPLIED) {
            throw new IllegalStateException("Operation not applied (" + status + "): " + message);
        }
        return value;
    }

    @Override
    public String toString() {
        return isApplied() ? "APPLIED: " + consumed + " -> " + converted : status + ": " + message;
    }
}
