package io.osmos.api.isolation;

import java.util.Map;
import java.util.Objects;

/**
 * A limit a container reached.
 *
 * @param reason    the {@code mesos.v1.TaskStatus.Reason} name the task's status carries, e.g.
 *                  {@code REASON_CONTAINER_LIMITATION_MEMORY}
 * @param message   for people, e.g. "Memory limit exceeded: Requested: 32MB Limit: 128MB Maximum Used: 128MB"
 * @param resources the resources whose limit was reached, by name, with the limit's value
 */
public record ContainerLimitation(String reason, String message, Map<String, Double> resources) {

    public ContainerLimitation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        resources = Map.copyOf(resources);
    }
}
