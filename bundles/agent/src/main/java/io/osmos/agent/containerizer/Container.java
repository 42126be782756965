package io.osmos.agent.containerizer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;

/** A container the containerizer runs. Mutable state is confined to the agent's loop. */
public final class Container {

    enum State { PREPARING, RUNNING, DESTROYING, TERMINATED }

    private ContainerConfig config;
    final Container parent;
    final List<Container> children = new ArrayList<>();
    final CompletableFuture<Termination> termination = new CompletableFuture<>();
    final CompletableFuture<Integer> exitValue = new CompletableFuture<>();
    State state = State.PREPARING;
    ProcessHandle process;
    ContainerLimitation limitation;
    /** The last signal the agent sent it; how an adopted container, not our child, is said to have ended. */
    volatile int signalled;

    Container(ContainerConfig config, Container parent) {
        this.config = config;
        this.parent = parent;
    }

    public String id() {
        return config.containerId();
    }

    public ContainerConfig config() {
        return config;
    }

    void config(ContainerConfig updated) {
        this.config = updated;
    }

    /** The container whose cgroups this one lives in: itself, or its parent when it shares them. */
    Container isolatedAs() {
        return config.nested() && config.shareCgroups() && parent != null ? parent.isolatedAs() : this;
    }

    boolean ownsIsolation() {
        return isolatedAs() == this;
    }

    /** The process, once it runs. */
    public ProcessHandle process() {
        return process;
    }

    /** The agent sent the container's processes a signal (KILL_CONTAINER). */
    public void signalled(int signal) {
        this.signalled = signal;
    }

    /**
     * The exit value of a process this containerizer started ({@link Process#exitValue()}), completed
     * by the JDK's reaper even after the agent's loop stopped; never for an adopted process.
     */
    public CompletableFuture<Integer> exitValue() {
        return exitValue;
    }

    public CompletableFuture<Termination> termination() {
        return termination;
    }
}
