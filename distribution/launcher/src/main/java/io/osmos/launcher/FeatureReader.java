package io.osmos.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads feature descriptors from a directory of {@code <id>.json} files. */
public final class FeatureReader {

    private static final int DEFAULT_START_LEVEL = 1;
    private final ObjectMapper json = new ObjectMapper();
    private final Path directory;

    public FeatureReader(Path directory) {
        this.directory = directory;
    }

    public Feature read(String id) {
        Path file = directory.resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            throw new FeatureException("No feature '" + id + "': " + file + " does not exist");
        }
        try {
            return parse(id, json.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            throw new FeatureException("Feature " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FeatureException("Cannot read feature " + file + ": " + e.getMessage(), e);
        }
    }

    private Feature parse(String id, JsonNode root) {
        if (!root.isObject()) {
            throw new FeatureException("Feature '" + id + "' must be a JSON object");
        }
        if (root.has("id") && !id.equals(root.get("id").asText())) {
            throw new FeatureException("Feature file " + id + ".json declares id '" + root.get("id").asText() + "'");
        }
        List<String> includes = new ArrayList<>();
        root.path("includes").forEach(n -> includes.add(n.asText()));
        return new Feature(id, root.path("description").asText(""), includes, bundles(id, root.path("bundles")),
                configurations(id, root.path("configurations")), strings(root.path("variables")),
                strings(root.path("aliases")));
    }

    private static List<BundleRef> bundles(String id, JsonNode node) {
        List<BundleRef> bundles = new ArrayList<>();
        for (JsonNode entry : node) {
            if (entry.isTextual()) {
                bundles.add(new BundleRef(entry.asText(), DEFAULT_START_LEVEL));
            } else if (entry.isObject()) {
                bundles.add(new BundleRef(entry.path("name").asText(null),
                        entry.path("start-level").asInt(DEFAULT_START_LEVEL)));
            } else {
                throw new FeatureException("Feature '" + id + "': a bundle is a name or {\"name\":..}, got " + entry);
            }
        }
        return bundles;
    }

    private Map<String, Map<String, Object>> configurations(String id, JsonNode node) {
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        node.fields().forEachRemaining(pid -> {
            if (!pid.getValue().isObject()) {
                throw new FeatureException("Feature '" + id + "': configuration " + pid.getKey() + " must be an object");
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            pid.getValue().fields().forEachRemaining(p -> properties.put(p.getKey(), json.convertValue(p.getValue(), Object.class)));
            configurations.put(pid.getKey(), properties);
        });
        return configurations;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
