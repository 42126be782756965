package io.osmos.launcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies includes (depth first: what a feature includes comes before it, and it overrides what
 * it includes) and variables (defaults from the features, then the caller's values).
 */
public final class FeatureResolver {

    private final FeatureReader reader;

    public FeatureResolver(FeatureReader reader) {
        this.reader = reader;
    }

    /**
     * @param builtins variables the launcher defines (such as {@code osmos.home}); features may use them
     * @param values   variable values given by the user, by variable name or alias
     */
    public ResolvedFeature resolve(String id, Map<String, String> builtins, Map<String, String> values) {
        Merged merged = new Merged();
        merged.variables.putAll(builtins);
        include(id, merged, new LinkedHashSet<>());
        Map<String, String> variables = new LinkedHashMap<>(merged.variables);
        values.forEach((name, value) -> variables.put(merged.variableFor(id, name), value));
        Variables substitution = new Variables(variables);
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        merged.configurations.forEach((pid, properties) -> {
            Map<String, String> resolved = new LinkedHashMap<>();
            properties.forEach((key, value) -> resolved.put(key, substitution.apply(String.valueOf(value),
                    "configuration " + pid + "/" + key)));
            configurations.put(pid, resolved);
        });
        Map<String, String> resolvedVariables = new LinkedHashMap<>();
        variables.forEach((name, value) -> resolvedVariables.put(name, substitution.apply(value, "variable " + name)));
        return new ResolvedFeature(id, new ArrayList<>(merged.bundles.values()), configurations, resolvedVariables);
    }

    private void include(String id, Merged merged, Set<String> path) {
        if (!path.add(id)) {
            throw new FeatureException("Features include each other in a cycle: " + String.join(" -> ", path) + " -> " + id);
        }
        if (merged.seen.add(id)) {
            Feature feature = reader.read(id);
            for (String included : feature.includes()) {
                include(included, merged, path);
            }
            merged.add(feature);
        }
        path.remove(id);
    }

    /** The union of features, later ones overriding earlier ones. */
    private static final class Merged {
        final Set<String> seen = new HashSet<>();
        final Map<String, BundleRef> bundles = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        final Map<String, String> variables = new LinkedHashMap<>();
        /** Each alias with the variables it stands for; the last feature added (the root) has the final word. */
        final Map<String, Set<String>> aliases = new LinkedHashMap<>();
        Map<String, String> rootAliases = Map.of();

        void add(Feature feature) {
            feature.bundles().forEach(b -> bundles.putIfAbsent(b.name(), b));
            feature.configurations().forEach((pid, props) ->
                    configurations.computeIfAbsent(pid, k -> new LinkedHashMap<>()).putAll(props));
            variables.putAll(feature.variables());
            feature.aliases().forEach((alias, variable) ->
                    aliases.computeIfAbsent(alias, k -> new TreeSet<>()).add(variable));
            rootAliases = feature.aliases();
        }

        String variableFor(String featureId, String name) {
            if (variables.containsKey(name)) {
                return name;
            }
            String variable = rootAliases.get(name);
            Set<String> candidates = aliases.getOrDefault(name, Set.of());
            if (variable == null && candidates.size() > 1) {
                throw new FeatureException("--" + name + " is ambiguous in feature '" + featureId + "'; use one of --"
                        + String.join(", --", candidates));
            }
            if (variable == null && candidates.size() == 1) {
                variable = candidates.iterator().next();
            }
            if (variable == null || !variables.containsKey(variable)) {
                Set<String> known = new TreeSet<>(variables.keySet());
                aliases.forEach((alias, targets) -> {
                    if (targets.size() == 1 || rootAliases.containsKey(alias)) {
                        known.add(alias);
                    }
                });
                throw new FeatureException("Unknown option --" + name + " for feature '" + featureId + "'; known: --"
                        + String.join(", --", known));
            }
            return variable;
        }
    }
}
