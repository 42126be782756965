package io.osmos.allocator.drf;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The allocator's knobs, as Mesos' master flags of the same names. */
record Settings(MinAllocatable minimum, Set<String> fairnessExcluded, boolean filterGpuResources) {

    static final String DEFAULT_MIN_ALLOCATABLE = "cpus:0.01|mem:32";
    static final Settings DEFAULT = parse(DEFAULT_MIN_ALLOCATABLE, "");

    Settings {
        fairnessExcluded = Set.copyOf(fairnessExcluded);
    }

    /**
     * @param minAllocatable e.g. {@code cpus:0.01|mem:32}
     * @param excludedNames comma-separated resource names left out of fair sharing, e.g. {@code gpus}
     * @throws IllegalArgumentException on a malformed value
     */
    static Settings parse(String minAllocatable, String excludedNames) {
        Set<String> excluded = Arrays.stream(excludedNames.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return new Settings(MinAllocatable.parse(minAllocatable), excluded, true);
    }
}
