package io.osmos.agent.impl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.osmos.agent.containerizer.Container;
import io.osmos.agent.containerizer.Containerizer;
import io.osmos.agent.containerizer.IsolationException;
import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.api.task.TaskStates;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Value;

/**
 * Executor containers: what they request and where they are limited (reference §1.3), launched and
 * updated through the containerizer. The command executor adds 0.1 cpus and 32 MB to its task, as
 * Mesos' does. Loop-confined.
 */
final class ExecutorContainers {

    static final double COMMAND_EXECUTOR_CPUS = 0.1;
    static final double COMMAND_EXECUTOR_MEM = 32;

    private final Containerizer containerizer;
    private final ExecutorLauncher launcher;
    private final boolean enableCfs;
    private final VolumeMounts volumes;

    ExecutorContainers(Containerizer containerizer, ExecutorLauncher launcher, boolean enableCfs,
            VolumeMounts volumes) {
        this.containerizer = containerizer;
        this.launcher = launcher;
        this.enableCfs = enableCfs;
        this.volumes = volumes;
    }

    /** Launches the executor's container, its persistent volumes in its sandbox first; they leave it when it ends. */
    CompletableFuture<Container> launch(ExecutorRun run, Map<String, String> environment) {
        String id = run.containerId.getValue();
        CompletableFuture<Void> attached = attachVolumes(run);
        if (attached.isCompletedExceptionally()) {
            volumes.detach(id);
            return attached.thenApply(ignored -> null);
        }
        return containerizer.launch(config(run), launcher.command(run, environment)).whenComplete((container, error) -> {
            if (error != null) {
                volumes.detach(id);
            } else {
                container.termination().thenRun(() -> volumes.detach(id));
            }
        });
    }

    /** The executor's tasks changed: its container gets the new sum of requests and limits, and their volumes. */
    CompletableFuture<Void> update(ExecutorRun run) {
        ContainerConfig config = config(run);
        return attachVolumes(run).thenCompose(
                ignored -> containerizer.update(run.containerId.getValue(), config.requests(), config.limits()));
    }

    /**
     * The volumes the container shows: the executor's own, and for a framework's executor those of
     * its unfinished tasks (the command executor's resources are its task's; the default executor's
     * tasks get theirs in their nested containers).
     */
    private CompletableFuture<Void> attachVolumes(ExecutorRun run) {
        try {
            volumes.attach(run.containerId.getValue(), run.sandbox, resources(run, run.kind == ExecutorRun.Kind.CUSTOM));
            return CompletableFuture.completedFuture(null);
        } catch (IOException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IsolationException(e.getMessage(), e));
        }
    }

    /** The executor's resources, with those of its queued and unfinished tasks if {@code withTasks}. */
    static List<Resource> resources(ExecutorRun run, boolean withTasks) {
        List<Resource> resources = new ArrayList<>(run.info.getResourcesList());
        if (withTasks) {
            run.queued.values().forEach(t -> resources.addAll(t.getResourcesList()));
            run.launched.values().stream().filter(t -> !TaskStates.terminal(t.getState()))
                    .forEach(t -> resources.addAll(t.getResourcesList()));
        }
        return resources;
    }

    CompletableFuture<Optional<ContainerLimitation>> limitation(ExecutorRun run) {
        return containerizer.limitation(run.containerId.getValue());
    }

    ContainerConfig config(ExecutorRun run) {
        Map<String, Double> own = run.kind == ExecutorRun.Kind.COMMAND
                ? Map.of("cpus", COMMAND_EXECUTOR_CPUS, "mem", COMMAND_EXECUTOR_MEM) : scalars(run.info.getResourcesList());
        List<Shape> tasks = new ArrayList<>();
        run.queued.values().forEach(t -> tasks.add(new Shape(scalars(t.getResourcesList()), limits(t.getLimitsMap()))));
        for (Task task : run.launched.values()) {
            if (!TaskStates.terminal(task.getState())) {
                tasks.add(new Shape(scalars(task.getResourcesList()), limits(task.getLimitsMap())));
            }
        }
        Map<String, Double> requests = new LinkedHashMap<>(own);
        tasks.forEach(t -> t.requests().forEach((name, value) -> requests.merge(name, value, Double::sum)));
        return new ContainerConfig(run.containerId.getValue(), null, run.sandbox, requests,
                executorLimits(own, tasks, enableCfs), run.kind == ExecutorRun.Kind.COMMAND, false);
    }

    /** A task as its executor's container sees it. */
    record Shape(Map<String, Double> requests, Map<String, Double> limits) {
    }

    /**
     * Mesos' computeExecutorLimits: when some task limits a resource, the executor's limit is the
     * executor's own request plus every task's limit, or its request where it has none (infinity
     * wins). Without CFS, a CPU limit is dropped when some task has none, so those are not throttled.
     */
    static Map<String, Double> executorLimits(Map<String, Double> own, List<Shape> tasks, boolean enableCfs) {
        Map<String, Double> limits = new LinkedHashMap<>();
        for (String name : List.of("cpus", "mem")) {
            boolean anyLimited = tasks.stream().anyMatch(t -> t.limits().containsKey(name));
            if (!anyLimited) {
                continue;
            }
            boolean allLimited = tasks.stream().allMatch(t -> t.limits().containsKey(name));
            if (name.equals("cpus") && !allLimited && !enableCfs) {
                continue;
            }
            double sum = own.getOrDefault(name, 0.0);
            for (Shape task : tasks) {
                sum += task.limits().getOrDefault(name, task.requests().getOrDefault(name, 0.0));
            }
            limits.put(name, sum);
        }
        return limits;
    }

    static Map<String, Double> scalars(List<Resource> resources) {
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (Resource resource : resources) {
            if (resource.getType() == Value.Type.SCALAR) {
                scalars.merge(resource.getName(), resource.getScalar().getValue(), Double::sum);
            }
        }
        return scalars;
    }

    static Map<String, Double> limits(Map<String, Value.Scalar> limits) {
        Map<String, Double> values = new LinkedHashMap<>();
        limits.forEach((name, scalar) -> values.put(name, scalar.getValue()));
        return values;
    }

    /** The status reason a limitation names; a reason this Mesos version does not know is a generic limitation. */
    static TaskStatus.Reason reason(ContainerLimitation limitation) {
        try {
            return TaskStatus.Reason.valueOf(limitation.reason());
        } catch (IllegalArgumentException e) {
            return TaskStatus.Reason.REASON_CONTAINER_LIMITATION;
        }
    }
}
