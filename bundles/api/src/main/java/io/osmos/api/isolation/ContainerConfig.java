package io.osmos.api.isolation;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an isolator needs to know of a container.
 *
 * @param containerId  the container's id (unique on the agent)
 * @param parentId     the parent container's id for a nested (task) container, else {@code null}
 * @param sandbox      the container's sandbox directory
 * @param requests     scalar resource requests by name ({@code cpus}; {@code mem} and {@code disk} in MB)
 * @param limits       resource limits by name, as requests; {@link Double#POSITIVE_INFINITY} means none
 *                     at all. A name missing means no limit was asked for: the container is held to its
 *                     request wherever the isolator enforces requests (the cgroups ones: memory hard
 *                     limit = request; a CPU quota only when the agent enables CFS for requests)
 * @param task         true when the container runs a task (a command task's or a nested task container),
 *                     false for an executor's container
 * @param shareCgroups for a nested container: true when it lives in its parent's cgroups
 */
public record ContainerConfig(String containerId, String parentId, Path sandbox, Map<String, Double> requests,
        Map<String, Double> limits, boolean task, boolean shareCgroups) {

    public ContainerConfig {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(sandbox, "sandbox");
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
    }

    public boolean nested() {
        return parentId != null;
    }

    /** The request for a resource, 0 if none. */
    public double request(String name) {
        return requests.getOrDefault(name, 0.0);
    }

    /** The limit for a resource if one is set; infinite when unlimited. */
    public Optional<Double> limit(String name) {
        return Optional.ofNullable(limits.get(name));
    }

    /** The same container with other requests and limits. */
    public ContainerConfig withResources(Map<String, Double> newRequests, Map<String, Double> newLimits) {
        return new ContainerConfig(containerId, parentId, sandbox, newRequests, newLimits, task, shareCgroups);
    }
}
