package io.osmos.launcher;

import java.util.List;
import java.util.Map;

/**
 * A feature with its includes applied and its variables substituted: the bundles to install in
 * order, and the configuration of every PID (factory configurations as {@code factoryPid~name}).
 */
public record ResolvedFeature(String id, List<BundleRef> bundles, Map<String, Map<String, String>> configurations,
        Map<String, String> variables) {

    public ResolvedFeature {
        bundles = List.copyOf(bundles);
        configurations = Map.copyOf(configurations);
        variables = Map.copyOf(variables);
    }
}
