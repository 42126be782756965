package io.osmos.agent.containerizer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.api.isolation.ContainerUsage;
import io.osmos.api.isolation.Isolator;
import io.osmos.api.loop.SerialLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs containers under the isolators named in the agent's {@code isolation} setting, in that order:
 * prepares them, starts the first process held before exec, has every isolator confine it, lets it
 * run, watches for limitations and cleans up once it ended. Isolators may be replaced while
 * containers run; a new instance takes over through {@link Isolator#recover}. Container state lives
 * on the agent's loop; isolators are called off it.
 */
public final class Containerizer {

    private static final Logger LOG = LoggerFactory.getLogger(Containerizer.class);

    private record Named(String name, Isolator isolator) {
    }

    private final SerialLoop loop;
    private final List<String> isolation;
    private final Map<String, Isolator> isolators = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();

    public Containerizer(SerialLoop loop, List<String> isolation) {
        this.loop = loop;
        this.isolation = List.copyOf(isolation);
    }

    public List<String> isolation() {
        return isolation;
    }

    /** An isolator service appeared (or a new instance replaced one): it takes over the live containers. */
    public void bind(String name, Isolator isolator) {
        isolators.put(name, isolator);
        loop.execute(() -> adopt(name, isolator));
    }

    public void unbind(String name, Isolator isolator) {
        if (isolators.remove(name, isolator)) {
            LOG.info("Isolator {} went away; its containers stay confined until a successor takes over", name);
        }
    }

    private void adopt(String name, Isolator isolator) {
        if (!isolation.contains(name)) {
            LOG.info("Isolator {} is available but not in this agent's isolation setting {}", name, isolation);
            return;
        }
        if (isolators.get(name) != isolator) {
            return;
        }
        List<ContainerConfig> owned = containers.values().stream().filter(Container::ownsIsolation)
                .map(Container::config).toList();
        call(() -> isolator.recover(owned)).whenComplete((ignored, error) -> loop.execute(() -> {
            if (isolators.get(name) != isolator) {
                LOG.info("Isolator {} was replaced while it recovered; its successor takes over", name);
                return;
            }
            if (error != null) {
                LOG.error("Isolator {} failed to recover its containers: {}", name, cause(error).getMessage());
            }
            for (Container container : containers.values()) {
                if (container.ownsIsolation() && container.state == Container.State.RUNNING) {
                    watch(container, new Named(name, isolator));
                }
            }
            LOG.info("Isolator {} took over {} container(s)", name, owned.size());
        }));
    }

    /**
     * A container whose process outlived the previous agent (a bundle update, or a restarted JVM):
     * it is known again as running and ends as usual when its process does. Its exit status is not
     * known (the process may not be a child of this JVM), so it ends "with status 0" unless the
     * agent signalled it (then "by that signal") or an isolator names a limitation. A nested one
     * is recovered after its parent, and ends with it. Isolators bound later get it in {@link Isolator#recover}, so
     * they keep it; a container in no checkpoint is left out of that list: an orphan. Loop only.
     */
    public Container recover(ContainerConfig config, ProcessHandle process) {
        Container parent = config.nested() ? containers.get(config.parentId()) : null;
        Container container = new Container(config, parent);
        container.process = process;
        container.state = Container.State.RUNNING;
        containers.put(config.containerId(), container);
        if (parent != null) {
            parent.children.add(container);
        }
        // Not our child: a container the agent signalled is said to have ended by that signal.
        process.onExit().thenAccept(p -> loop.execute(() -> exited(container,
                container.signalled > 0 ? 128 + container.signalled : 0)));
        LOG.info("Container {} recovered, pid {} ({})", config.containerId(), process.pid(), describe(config));
        return container;
    }

    /** Launches a container; completes once its program runs inside its confinement. */
    public CompletableFuture<Container> launch(ContainerConfig config, ContainerCommand command) {
        return loop.submit(() -> {
            try {
                return CompletableFuture.completedFuture(admit(config));
            } catch (IsolationException e) {
                // Refused (an isolator is being replaced, say): the caller's answer, not a loop failure.
                return CompletableFuture.<Container>failedFuture(e);
            }
        }).thenCompose(admitted -> admitted).thenCompose(container -> start(container, command));
    }

    private Container admit(ContainerConfig config) {
        List<String> missing = isolation.stream().filter(name -> !isolators.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IsolationException("Isolator" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + (missing.size() > 1 ? " are" : " is") + " not available on this agent");
        }
        if (containers.containsKey(config.containerId())) {
            throw new IsolationException("Container " + config.containerId() + " already exists");
        }
        Container parent = null;
        if (config.nested()) {
            parent = containers.get(config.parentId());
            if (parent == null || parent.state != Container.State.RUNNING) {
                throw new IsolationException("Parent container " + config.parentId() + " is not running");
            }
        }
        Container container = new Container(config, parent);
        containers.put(config.containerId(), container);
        if (parent != null) {
            parent.children.add(container);
        }
        return container;
    }

    private CompletableFuture<Container> start(Container container, ContainerCommand command) {
        List<Named> chain = chain();
        ContainerConfig own = container.config();
        ContainerConfig isolateAs = container.isolatedAs().config();
        boolean owns = container.ownsIsolation();
        Process[] started = new Process[1];
        return inOrder(chain, owns ? i -> i.prepare(own) : i -> CompletableFuture.completedFuture(null))
                .thenCompose(ignored -> {
                    started[0] = spawn(command);
                    long pid = started[0].pid();
                    return inOrder(chain, i -> i.isolate(isolateAs, pid));
                })
                .thenCompose(ignored -> {
                    open(started[0]);
                    return loop.submit(() -> running(container, started[0], chain));
                })
                .exceptionallyCompose(error -> abort(container, started[0], chain, error));
    }

    private static Process spawn(ContainerCommand command) {
        try {
            return GatedProcess.start(command);
        } catch (IOException e) {
            throw new IsolationException("Cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
    }

    private static void open(Process process) {
        try {
            GatedProcess.open(process);
        } catch (IOException e) {
            throw new IsolationException("The container's process died before it could start", e);
        }
    }

    private Container running(Container container, Process process, List<Named> chain) {
        container.process = process.toHandle();
        process.onExit().thenAccept(p -> {
            container.exitValue.complete(p.exitValue());
            loop.execute(() -> exited(container, p.exitValue()));
        });
        if (container.state == Container.State.DESTROYING) {
            kill(container);
            return container;
        }
        container.state = Container.State.RUNNING;
        if (container.ownsIsolation()) {
            chain.forEach(named -> watch(container, named));
        }
        LOG.info("Container {} runs as pid {} ({})", container.id(), process.pid(), describe(container.config()));
        return container;
    }

    private CompletableFuture<Container> abort(Container container, Process process, List<Named> chain,
            Throwable error) {
        if (process != null) {
            GatedProcess.close(process);
            process.destroyForcibly();
        }
        Throwable cause = cause(error);
        LOG.warn("Container {} failed to launch: {}", container.id(), cause.getMessage());
        CompletableFuture<Void> cleaned = container.ownsIsolation()
                ? inReverse(chain, i -> i.cleanup(container.id())) : CompletableFuture.completedFuture(null);
        return cleaned.handle((ignored, cleanupError) -> null)
                .thenCompose(ignored -> loop.submit(() -> forget(container, Termination.of(1, Optional.empty()))))
                .thenCompose(ignored -> CompletableFuture.failedFuture(cause instanceof IsolationException
                        ? cause : new IsolationException("Failed to isolate the container: " + cause.getMessage(), cause)));
    }

    private void watch(Container container, Named named) {
        call(() -> named.isolator().watch(container.id())).thenAccept(limitation -> loop.execute(() -> {
            if (container.state == Container.State.RUNNING && container.limitation == null) {
                container.limitation = limitation;
                LOG.warn("Container {} reached a limit ({}): {}", container.id(), named.name(), limitation.message());
                destroy(container);
            }
        }));
    }

    /** Kills the container's processes (and its nested containers'); it then ends as usual. */
    public void destroy(String containerId) {
        loop.execute(() -> {
            Container container = containers.get(containerId);
            if (container != null) {
                destroy(container);
            }
        });
    }

    private void destroy(Container container) {
        if (container.state == Container.State.TERMINATED) {
            return;
        }
        container.state = Container.State.DESTROYING;
        List.copyOf(container.children).forEach(this::destroy);
        kill(container);
    }

    private static void kill(Container container) {
        if (container.process != null) {
            container.signalled = 9;
            ProcessTrees.signal(container.process, true);
        }
    }

    private void exited(Container container, int exitValue) {
        container.state = Container.State.DESTROYING;
        List<CompletableFuture<Termination>> children = new ArrayList<>();
        for (Container child : List.copyOf(container.children)) {
            destroy(child);
            children.add(child.termination);
        }
        List<Named> chain = chain();
        CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> exitValue == 0 && container.limitation == null
                        ? CompletableFuture.completedFuture(Optional.<ContainerLimitation>empty())
                        : loop.submit(() -> limitation(container)).thenCompose(f -> f))
                .thenCompose(limitation -> (container.ownsIsolation()
                        ? inReverse(chain, i -> i.cleanup(container.id())) : CompletableFuture.<Void>completedFuture(null))
                        .handle((ignored, error) -> {
                            if (error != null) {
                                LOG.warn("Cleanup of container {} failed: {}", container.id(), cause(error).getMessage());
                            }
                            return limitation;
                        }))
                .whenComplete((limitation, error) -> loop.execute(() -> forget(container,
                        Termination.of(exitValue, limitation == null ? Optional.empty() : limitation))));
    }

    private Container forget(Container container, Termination termination) {
        container.state = Container.State.TERMINATED;
        containers.remove(container.id(), container);
        if (container.parent != null) {
            container.parent.children.remove(container);
        }
        LOG.info("Container {} {}{}", container.id(), termination.describe(),
                termination.limitation().map(l -> " (" + l.reason() + ")").orElse(""));
        container.termination.complete(termination);
        return container;
    }

    /** The limit the container (or the one whose cgroups it shares) reached, if any, asked of every isolator now. */
    public CompletableFuture<Optional<ContainerLimitation>> limitation(String containerId) {
        return loop.submit(() -> {
            Container container = containers.get(containerId);
            return container == null ? CompletableFuture.completedFuture(Optional.<ContainerLimitation>empty())
                    : limitation(container);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Optional<ContainerLimitation>> limitation(Container container) {
        Container isolated = container.isolatedAs();
        if (isolated.limitation != null) {
            return CompletableFuture.completedFuture(Optional.of(isolated.limitation));
        }
        CompletableFuture<Optional<ContainerLimitation>> found = CompletableFuture.completedFuture(Optional.empty());
        for (Named named : chain()) {
            found = found.thenCompose(previous -> previous.isPresent() ? CompletableFuture.completedFuture(previous)
                    : call(() -> named.isolator().limitation(isolated.id())).exceptionally(e -> Optional.empty()));
        }
        return found.thenApply(limitation -> {
            limitation.ifPresent(l -> loop.execute(() -> {
                if (isolated.limitation == null) {
                    isolated.limitation = l;
                }
            }));
            return limitation;
        });
    }

    /** What the container (or the one whose cgroups it shares) uses, by ResourceStatistics field name. */
    public CompletableFuture<ContainerUsage> usage(String containerId) {
        return loop.submit(() -> {
            Container container = containers.get(containerId);
            if (container == null) {
                return CompletableFuture.completedFuture(ContainerUsage.EMPTY);
            }
            String isolated = container.isolatedAs().id();
            CompletableFuture<ContainerUsage> usage = CompletableFuture.completedFuture(ContainerUsage.EMPTY);
            for (Named named : chain()) {
                usage = usage.thenCompose(sum -> call(() -> named.isolator().usage(isolated))
                        .exceptionally(e -> ContainerUsage.EMPTY).thenApply(sum::merge));
            }
            return usage;
        }).thenCompose(f -> f);
    }

    /** New requests and limits for a running container, enforced by every isolator. */
    public CompletableFuture<Void> update(String containerId, Map<String, Double> requests, Map<String, Double> limits) {
        return loop.submit(() -> {
            Container container = containers.get(containerId);
            if (container == null || !container.ownsIsolation()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            ContainerConfig updated = container.config().withResources(requests, limits);
            container.config(updated);
            LOG.info("Container {} updated to {}", containerId, describe(updated));
            return inOrder(chain(), i -> i.update(updated));
        }).thenCompose(f -> f);
    }

    /** The container, if it is known and not yet gone. Loop only. */
    public Container container(String containerId) {
        return containers.get(containerId);
    }

    /** The live containers. Loop only. */
    public Collection<Container> containers() {
        return List.copyOf(containers.values());
    }

    private List<Named> chain() {
        List<Named> chain = new ArrayList<>();
        for (String name : isolation) {
            Isolator isolator = isolators.get(name);
            if (isolator != null) {
                chain.add(new Named(name, isolator));
            }
        }
        return chain;
    }

    private static CompletableFuture<Void> inOrder(List<Named> chain, Function<Isolator, CompletionStage<Void>> step) {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (Named named : chain) {
            done = done.thenCompose(ignored -> call(() -> step.apply(named.isolator())).exceptionallyCompose(
                    error -> CompletableFuture.failedFuture(new IsolationException(
                            named.name() + ": " + cause(error).getMessage(), cause(error)))));
        }
        return done;
    }

    private static CompletableFuture<Void> inReverse(List<Named> chain, Function<Isolator, CompletionStage<Void>> step) {
        List<Named> reversed = new ArrayList<>(chain);
        java.util.Collections.reverse(reversed);
        return inOrder(reversed, step);
    }

    /** An isolator's answer as a future, also when it threw instead of answering. */
    private static <T> CompletableFuture<T> call(java.util.function.Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } catch (LinkageError e) {
            // An isolator whose bundle was refreshed under the call: its classes no longer load.
            return CompletableFuture.failedFuture(new IsolationException("the isolator went away: " + e, e));
        }
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String describe(ContainerConfig config) {
        return "requests " + config.requests() + (config.limits().isEmpty() ? "" : ", limits " + config.limits())
                + (config.nested() ? ", nested in " + config.parentId() + (config.shareCgroups() ? " (shared)" : "") : "");
    }
}
