package io.osmos.launcher;

import java.util.List;
import java.util.Map;

/**
 * One feature descriptor as written in {@code features/<id>.json}, before its includes are applied.
 *
 * @param variables default values of the variables its configurations use as {@code ${name}}
 * @param aliases   command-line names standing for a variable, e.g. {@code port -> master_port}
 */
public record Feature(String id, String description, List<String> includes, List<BundleRef> bundles,
        Map<String, Map<String, Object>> configurations, Map<String, String> variables, Map<String, String> aliases) {

    public Feature {
        includes = List.copyOf(includes);
        bundles = List.copyOf(bundles);
        configurations = Map.copyOf(configurations);
        variables = Map.copyOf(variables);
        aliases = Map.copyOf(aliases);
    }
}
