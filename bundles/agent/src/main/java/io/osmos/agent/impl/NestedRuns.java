package io.osmos.agent.impl;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.osmos.agent.containerizer.Container;
import io.osmos.agent.containerizer.Containerizer;
import io.osmos.agent.containerizer.Termination;
import io.osmos.api.loop.SerialLoop;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nested containers' lives beyond one agent instance, as Mesos recovers them with their parent
 * executor: each is checkpointed once it runs ({@link NestedCheckpoints}), how it ended is kept (in
 * memory a while, on disk until a WAIT learnt it), and at recovery one whose process still runs
 * (same pid and start time) is adopted, one that ended while no agent watched is known as ended
 * "with unknown status". When the agent stops, pending WAITs are failed so the executor asks the
 * successor. Loop-confined.
 */
final class NestedRuns {

    /** A container's end: its termination, {@link #UNKNOWN} when it ended unseen. */
    record Ended(Termination termination, ExecutorRun parent) {
    }

    /** The termination of a container that ended while no agent watched it. */
    static final Termination UNKNOWN = new Termination(-1, Optional.empty());

    private static final Logger LOG = LoggerFactory.getLogger(NestedRuns.class);
    private static final int REMEMBERED = 1024;
    /** How long after an adopted container's exit the previous instance has to record its status. */
    private static final long REAPED_WITHIN_MILLIS = 100;

    private final SerialLoop loop;
    private final Containerizer containerizer;
    private final VolumeMounts volumes;
    private final NestedCheckpoints checkpoints;
    private final LongFunction<OptionalLong> startOf;
    /** A container watched by this instance; {@code end} completes once it ended. */
    private record Live(CompletableFuture<Ended> end, Container container, ExecutorRun parent) {
    }

    private final Map<String, Live> live = new HashMap<>();
    /** Launches under way (any thread): the agent lets them finish before it stops, so each is checkpointed. */
    private final LaunchesUnderWay launching = new LaunchesUnderWay("nested container launch(es)");
    private final Map<String, Ended> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ended> eldest) {
            return size() > REMEMBERED;
        }
    };

    NestedRuns(SerialLoop loop, Containerizer containerizer, VolumeMounts volumes, NestedCheckpoints checkpoints,
            LongFunction<OptionalLong> startOf) {
        this.loop = loop;
        this.containerizer = containerizer;
        this.volumes = volumes;
        this.checkpoints = checkpoints;
        this.startOf = startOf;
    }

    /** The container runs (launched through the API): checkpointed and watched. */
    void launched(ExecutorRun parent, Container container, List<Resource> resources) {
        ProcessHandle process = container.process();
        long start = process == null ? 0 : process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        checkpoints.launched(parent, container.config(), resources, process == null ? 0 : process.pid(), start);
        watch(parent, container, false);
    }

    /**
     * Watches the container's end. An adopted one's exit status is not ours to learn, but a previous
     * instance in this JVM may have written it once the JDK reaped its child ({@link #close}): that wins.
     */
    private void watch(ExecutorRun parent, Container container, boolean adopted) {
        Live watched = new Live(new CompletableFuture<>(), container, parent);
        live.put(container.id(), watched);
        container.termination().thenAccept(t -> {
            volumes.detach(container.id());
            if (adopted) {
                loop.after(REAPED_WITHIN_MILLIS, TimeUnit.MILLISECONDS, () -> ended(watched, recorded(parent, container.id(), t)));
            } else {
                loop.execute(() -> ended(watched, t));
            }
        });
    }

    private void ended(Live watched, Termination termination) {
        String id = watched.container().id();
        Ended done = new Ended(termination, watched.parent());
        ended.put(id, done);
        live.remove(id, watched);
        checkpoints.ended(watched.parent(), id, termination.waitStatus());
        watched.end().complete(done);
    }

    /** The termination a previous instance checkpointed, else {@code otherwise}. */
    private Termination recorded(ExecutorRun parent, String containerId, Termination otherwise) {
        try {
            OptionalInt status = checkpoints.termination(parent, containerId);
            return status.isPresent() ? new Termination(status.getAsInt(), otherwise.limitation()) : otherwise;
        } catch (IOException e) {
            LOG.warn("Cannot read how nested container {} ended: {}", containerId, e.toString());
            return otherwise;
        }
    }

    /** Whether the id is taken, by a live container or one that ended a short while ago. */
    boolean known(String containerId) {
        return live.containsKey(containerId) || ended.containsKey(containerId);
    }

    /** How it ended, or null while it runs or when unknown. */
    Ended ended(String containerId) {
        Ended end = ended.get(containerId);
        if (end != null && end.termination() == UNKNOWN) {
            // The previous instance in this JVM may have learnt it since recovery.
            Termination recorded = recorded(end.parent(), containerId, UNKNOWN);
            if (recorded != UNKNOWN) {
                end = new Ended(recorded, end.parent());
                ended.put(containerId, end);
            }
        }
        return end;
    }

    /** Completes once the live container ended; null when none of that id runs. */
    CompletableFuture<Ended> running(String containerId) {
        Live watched = live.get(containerId);
        return watched == null ? null : watched.end();
    }

    /** A WAIT was answered with its end: its checkpoints are no longer needed. */
    void told(Ended end, String containerId) {
        checkpoints.removed(end.parent(), containerId);
    }

    /** Tracks a launch until it is answered. Any thread. */
    <T> CompletableFuture<T> launching(CompletableFuture<T> launch) {
        return launching.track(launch);
    }

    /** Off the loop, before the agent stops: waits (a bounded while) for the launches under way. */
    void drainLaunches(long millis) {
        launching.drain(millis);
    }

    /**
     * The agent stops: WAITs pending on this instance fail, so that the executor asks its successor.
     * A container this instance started is still this JVM's child: when the JDK reaps it, how it
     * ended is written for the successor (which reads it when asked, see {@link #ended}).
     */
    void close() {
        IllegalStateException stopping = new IllegalStateException("the agent is stopping; wait again");
        for (Live watched : List.copyOf(live.values())) {
            watched.end().completeExceptionally(stopping);
            String id = watched.container().id();
            watched.container().exitValue().thenAccept(exit -> {
                try {
                    checkpoints.endedAfterStop(watched.parent(), id, Termination.of(exit, Optional.empty()).waitStatus());
                } catch (IOException | RuntimeException | LinkageError e) {
                    // This instance's classes may be gone (the bundle was refreshed): the successor reports "unknown".
                    LOG.debug("Cannot record how nested container {} ended: {}", id, e.toString());
                }
            });
        }
        live.clear();
    }

    /** Recovery of an adopted executor run (after its own container): its nested containers come back. */
    void recover(ExecutorRun parent) {
        int adopted = 0;
        int ended = 0;
        for (NestedCheckpoints.Nested nested : checkpoints.load(parent)) {
            String id = nested.config().containerId();
            if (nested.waitStatus().isPresent()) {
                this.ended.put(id, new Ended(new Termination(nested.waitStatus().getAsInt(), Optional.empty()), parent));
                ended++;
            } else if (RecoveryDecision.of(nested.pid(), nested.startMillis(), startOf) == RecoveryDecision.ADOPT) {
                ProcessHandle process = ProcessHandle.of(nested.pid()).orElseThrow();
                Container container = containerizer.recover(nested.config(), process);
                volumes.adopt(id, nested.config().sandbox(), nested.resources());
                watch(parent, container, true);
                adopted++;
            } else {
                this.ended.put(id, new Ended(UNKNOWN, parent));
                ended++;
            }
        }
        if (adopted + ended > 0) {
            LOG.info("Executor {}: {} nested container(s) still run and were adopted, {} had ended", parent.executorId(),
                    adopted, ended);
        }
    }

    /** Recovery of a run whose executor died: nested containers still running are killed, as orphans. */
    void killLeftovers(ExecutorRun parent) {
        for (NestedCheckpoints.Nested nested : checkpoints.load(parent)) {
            if (nested.waitStatus().isEmpty()
                    && RecoveryDecision.of(nested.pid(), nested.startMillis(), startOf) == RecoveryDecision.ADOPT) {
                ProcessHandle.of(nested.pid()).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
                LOG.warn("Killed nested container {} (pid {}): its executor ended while the agent was down",
                        nested.config().containerId(), nested.pid());
            }
        }
    }
}
