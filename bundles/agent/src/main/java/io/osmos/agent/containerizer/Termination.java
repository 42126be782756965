package io.osmos.agent.containerizer;

import java.util.Optional;

import io.osmos.api.isolation.ContainerLimitation;

/**
 * How a container ended.
 *
 * @param waitStatus the status of its first process as wait(2) encodes it: exit code × 256, or the signal
 * @param limitation the limit it reached, if that is why it ended
 */
public record Termination(int waitStatus, Optional<ContainerLimitation> limitation) {

    /** From what {@link Process#exitValue()} says: the JDK reports death by signal N as 128 + N. */
    public static Termination of(int exitValue, Optional<ContainerLimitation> limitation) {
        int status = exitValue > 128 && exitValue < 160 ? exitValue - 128 : (exitValue & 0xff) << 8;
        return new Termination(status, limitation);
    }

    public boolean signaled() {
        return (waitStatus & 0x7f) != 0;
    }

    public int exitCode() {
        return (waitStatus >> 8) & 0xff;
    }

    public int signal() {
        return waitStatus & 0x7f;
    }

    public boolean succeeded() {
        return waitStatus == 0;
    }

    /** "exited with status 3", "terminated by signal 9". */
    public String describe() {
        return signaled() ? "terminated by signal " + signal() : "exited with status " + exitCode();
    }
}
