package io.osmos.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a tailored distribution from this one: the named features with everything they include,
 * only the bundles those name (less the excluded ones), extra bundles, and a root feature tying them
 * together with the integrator's variable and configuration overrides. The result is a complete
 * Osmos home: {@code bin/osmos <name>} runs it.
 */
public final class Assembler {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String AGENT_BUNDLE = "io.osmos.agent";

    /**
     * What to build.
     *
     * @param features      features to include, e.g. {@code agent}, {@code posix-rlimits}
     * @param extraBundles  bundle jars (paths), or names of bundles in this distribution's {@code bundle/}
     * @param exclude       bundle names to leave out of every feature
     * @param variables     variable defaults of the root feature, overriding the included features'
     * @param configuration {@code pid -> key -> value} set in the root feature, overriding the included features'
     */
    public record Plan(String name, List<String> features, List<String> extraBundles, Set<String> exclude,
            Map<String, String> variables, Map<String, Map<String, String>> configuration) {
        public Plan {
            if (features.isEmpty()) {
                throw new IllegalArgumentException("Name at least one feature (--features)");
            }
            features = List.copyOf(features);
            extraBundles = List.copyOf(extraBundles);
            exclude = Set.copyOf(exclude);
            variables = Map.copyOf(variables);
            configuration = Map.copyOf(configuration);
        }
    }

    private final Path home;

    public Assembler(Path home) {
        this.home = home;
    }

    /** Writes the distribution to {@code out} (which must not exist or be empty) and returns its root feature. */
    public ResolvedFeature assemble(Plan plan, Path out) {
        try {
            if (Files.exists(out)) {
                try (Stream<Path> entries = Files.list(out)) {
                    if (entries.findAny().isPresent()) {
                        throw new FeatureException("The output directory " + out + " is not empty");
                    }
                }
            }
            FeatureReader reader = new FeatureReader(home.resolve("features"));
            Set<String> closure = new LinkedHashSet<>();
            plan.features().forEach(id -> collect(reader, id, closure));
            if (closure.contains(plan.name())) {
                throw new FeatureException("The root feature's name '" + plan.name() + "' is taken by an included feature");
            }
            Set<String> named = new LinkedHashSet<>();
            Set<String> excludedSeen = new LinkedHashSet<>();
            Files.createDirectories(out.resolve("features"));
            for (String id : closure) {
                named.addAll(writeFeature(id, plan.exclude(), excludedSeen, out.resolve("features")));
            }
            Set<String> unknown = new LinkedHashSet<>(plan.exclude());
            unknown.removeAll(excludedSeen);
            if (!unknown.isEmpty()) {
                throw new FeatureException("Nothing to exclude: no feature of " + closure + " names " + unknown);
            }
            Files.createDirectories(out.resolve("bundle"));
            for (String bundle : named) {
                copy(FelixRunner.bundleFile(home, new BundleRef(bundle, 1)), out.resolve("bundle").resolve(bundle + ".jar"));
            }
            List<String> extras = new ArrayList<>();
            for (String extra : plan.extraBundles()) {
                Path jar = extraJar(extra);
                String bsn = symbolicName(jar);
                copy(jar, out.resolve("bundle").resolve(bsn + ".jar"));
                extras.add(bsn);
            }
            writeRoot(plan, extras, out.resolve("features"));
            copyTree(home.resolve("bin"), out.resolve("bin"));
            copyTree(home.resolve("conf"), out.resolve("conf"));
            if (Files.isDirectory(home.resolve("templates"))) {
                copyTree(home.resolve("templates"), out.resolve("templates"));
            }
            try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
                Files.createDirectories(out.resolve("lib"));
                for (Path jar : lib.filter(Files::isRegularFile).toList()) {
                    copy(jar, out.resolve("lib").resolve(jar.getFileName()));
                }
            }
            if (named.contains(AGENT_BUNDLE) && Files.isDirectory(home.resolve("lib/executor"))) {
                copyTree(home.resolve("lib/executor"), out.resolve("lib/executor"));
            }
            Files.createDirectories(out.resolve("deploy"));
            return new FeatureResolver(new FeatureReader(out.resolve("features")))
                    .resolve(plan.name(), Map.of("osmos.home", out.toString(), "feature", plan.name()), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot assemble into " + out + ": " + e.getMessage(), e);
        }
    }

    private static void collect(FeatureReader reader, String id, Set<String> closure) {
        if (closure.contains(id)) {
            return;
        }
        Feature feature = reader.read(id);
        feature.includes().forEach(included -> collect(reader, included, closure));
        closure.add(id);
    }

    /** Copies one feature file less the excluded bundles (and their configurations); returns the bundles it keeps. */
    private List<String> writeFeature(String id, Set<String> exclude, Set<String> excludedSeen, Path features) throws IOException {
        ObjectNode feature = (ObjectNode) JSON.readTree(home.resolve("features").resolve(id + ".json").toFile());
        List<String> kept = new ArrayList<>();
        ArrayNode bundles = JSON.createArrayNode();
        for (JsonNode entry : feature.path("bundles")) {
            String name = entry.isTextual() ? entry.asText() : entry.path("name").asText();
            if (exclude.contains(name)) {
                excludedSeen.add(name);
            } else {
                kept.add(name);
                bundles.add(entry);
            }
        }
        if (feature.has("bundles")) {
            feature.set("bundles", bundles);
        }
        if (feature.get("configurations") instanceof ObjectNode configurations) {
            exclude.forEach(configurations::remove);
        }
        JSON.writeValue(features.resolve(id + ".json").toFile(), feature);
        return kept;
    }

    private void writeRoot(Plan plan, List<String> extras, Path features) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", plan.name());
        root.put("description", "Assembled by osmos-assemble: " + String.join(" + ", plan.features())
                + (extras.isEmpty() ? "" : " + " + String.join(", ", extras))
                + (plan.exclude().isEmpty() ? "" : ", without " + String.join(", ", plan.exclude())));
        root.put("includes", plan.features());
        root.put("bundles", extras);
        root.put("variables", plan.variables());
        root.put("configurations", plan.configuration());
        JSON.writeValue(features.resolve(plan.name() + ".json").toFile(), root);
    }

    private Path extraJar(String extra) {
        Path jar = Path.of(extra);
        if (extra.endsWith(".jar") && Files.isRegularFile(jar)) {
            return jar;
        }
        Path shipped = home.resolve("bundle").resolve(extra + ".jar");
        if (!extra.endsWith(".jar") && Files.isRegularFile(shipped)) {
            return shipped;
        }
        throw new FeatureException("No bundle " + extra + ": neither a jar file nor a bundle of " + home.resolve("bundle"));
    }

    static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String bsn = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                throw new FeatureException(jar + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            return bsn.split(";")[0].trim();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    copy(file, target);
                }
            }
        }
    }
}
