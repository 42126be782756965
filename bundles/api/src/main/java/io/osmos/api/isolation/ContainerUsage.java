package io.osmos.api.isolation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measurements of a container, by the field names of {@code mesos.v1.ResourceStatistics}
 * ({@code cpus_user_time_secs}, {@code cpus_limit}, {@code mem_rss_bytes}, ...). Keeping names rather
 * than fields lets isolators report any statistic Mesos defines, now or later. Values are numbers as
 * the field's type (counts and bytes are whole numbers held in doubles).
 */
public final class ContainerUsage {

    public static final ContainerUsage EMPTY = new ContainerUsage(Map.of());

    private final Map<String, Double> values;

    private ContainerUsage(Map<String, Double> values) {
        this.values = values;
    }

    public static ContainerUsage of(Map<String, Double> values) {
        return new ContainerUsage(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    public Map<String, Double> values() {
        return values;
    }

    /** Both together; where both measure the same field, the other's value wins. */
    public ContainerUsage merge(ContainerUsage other) {
        Map<String, Double> merged = new LinkedHashMap<>(values);
        merged.putAll(other.values);
        return new ContainerUsage(Collections.unmodifiableMap(merged));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerUsage u && u.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ContainerUsage" + values;
    }
}
