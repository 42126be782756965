package io.osmos.agent.impl;

import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * What recovery does with a checkpointed executor run: adopt it when its process still runs (the
 * same pid with the same start time, so a later process that got the pid is not mistaken for it),
 * else report its tasks lost. Containers in no checkpoint are orphans: the isolators destroy them
 * when they recover ({@link io.osmos.api.isolation.Isolator#recover}).
 */
enum RecoveryDecision {
    ADOPT, LOST;

    /**
     * @param pid the checkpointed pid, 0 when the run never got a process
     * @param startMillis the checkpointed start time of that process
     * @param startOf the start time of the live process with a pid, empty when none runs
     */
    static RecoveryDecision of(long pid, long startMillis, LongFunction<OptionalLong> startOf) {
        if (pid <= 0) {
            return LOST;
        }
        OptionalLong start = startOf.apply(pid);
        return start.isPresent() && start.getAsLong() == startMillis ? ADOPT : LOST;
    }

    /** The start time of a live process, from the operating system. */
    static OptionalLong startOf(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant()).map(i -> OptionalLong.of(i.toEpochMilli()))
                .orElse(OptionalLong.empty());
    }
}
