package io.osmos.modules.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** The JSON of {@code /modules}: the listing, a swap's result, and the request bodies. */
final class ModulesJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ModulesJson() {
    }

    /** {@code {"modules":[{"id":..,"bundle":..,"version":..,"state":..,"location":..,"last_modified":..,"components":[..]}]}}. */
    static byte[] modules(List<ModuleInfo> modules) {
        return write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("modules");
            for (ModuleInfo module : modules) {
                json.writeStartObject();
                json.writeNumberField("id", module.id());
                json.writeStringField("bundle", module.symbolicName());
                json.writeStringField("version", module.version());
                json.writeStringField("state", module.state());
                json.writeStringField("location", module.location());
                json.writeStringField("last_modified", Instant.ofEpochMilli(module.lastModified()).toString());
                components(json, module.components());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"bundle":..,"from":..,"to":..,"pause_ms":..,"components":[..]}}. */
    static byte[] swap(SwapResult result) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("bundle", result.bundle());
            json.writeStringField("from", result.from());
            json.writeStringField("to", result.to());
            json.writeNumberField("pause_ms", result.pauseMillis());
            components(json, result.components());
            json.writeEndObject();
        });
    }

    /** The string fields of a flat JSON object; a 400 when the body is not one. */
    static Map<String, String> fields(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ModuleException(ModuleException.BAD_REQUEST, "Expecting a JSON object");
            }
            for (JsonToken token; (token = parser.nextToken()) == JsonToken.FIELD_NAME;) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            String firstLine = e.getMessage().lines().findFirst().orElse("");
            throw new ModuleException(ModuleException.BAD_REQUEST, "Malformed JSON: " + firstLine);
        }
        return fields;
    }

    private static void components(JsonGenerator json, List<ComponentInfo> components) throws IOException {
        json.writeArrayFieldStart("components");
        for (ComponentInfo component : components) {
            json.writeStartObject();
            json.writeStringField("name", component.name());
            json.writeStringField("state", component.state());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
