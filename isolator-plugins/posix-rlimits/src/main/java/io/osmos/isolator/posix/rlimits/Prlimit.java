package io.osmos.isolator.posix.rlimits;

/** prlimit(2) on another process: sets one of its resource limits. */
interface Prlimit {

    /**
     * Sets {@code limit} on process {@code pid}.
     *
     * @throws IllegalStateException with the reason (e.g. raising a hard limit without CAP_SYS_RESOURCE)
     */
    void set(long pid, RLimit limit);
}
