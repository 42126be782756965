package io.osmos.modules.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class ModulesJsonTest {

    @Test
    public void listsModulesWithTheirComponents() {
        ModuleInfo module = new ModuleInfo(7, "io.osmos.allocator.drf", "0.1.0.x", "ACTIVE", "file:/b/a.jar", 0,
                List.of(new ComponentInfo("io.osmos.allocator.drf.HierarchicalDrfAllocator", "ACTIVE")));
        assertEquals("{\"modules\":[{\"id\":7,\"bundle\":\"io.osmos.allocator.drf\",\"version\":\"0.1.0.x\","
                + "\"state\":\"ACTIVE\",\"location\":\"file:/b/a.jar\",\"last_modified\":\"1970-01-01T00:00:00Z\","
                + "\"components\":[{\"name\":\"io.osmos.allocator.drf.HierarchicalDrfAllocator\",\"state\":\"ACTIVE\"}]}]}",
                new String(ModulesJson.modules(List.of(module)), StandardCharsets.UTF_8));
    }

    @Test
    public void writesASwap() {
        SwapResult result = new SwapResult("io.osmos.x", "1.0.0", "1.1.0", 12.5, List.of());
        assertEquals("{\"bundle\":\"io.osmos.x\",\"from\":\"1.0.0\",\"to\":\"1.1.0\",\"pause_ms\":12.5,\"components\":[]}",
                new String(ModulesJson.swap(result), StandardCharsets.UTF_8));
    }

    @Test
    public void readsStringFieldsAndSkipsOthers() {
        Map<String, String> fields = ModulesJson.fields(
                "{\"bundle\":\"io.osmos.x\",\"n\":1,\"o\":{\"a\":[1]},\"location\":\"/tmp/x.jar\"}".getBytes());
        assertEquals(Map.of("bundle", "io.osmos.x", "location", "/tmp/x.jar"), fields);
    }

    @Test
    public void refusesWhatIsNotAnObject() {
        assertEquals(400, assertThrows(ModuleException.class, () -> ModulesJson.fields("[1]".getBytes())).status());
        assertEquals(400, assertThrows(ModuleException.class, () -> ModulesJson.fields("{\"a\":".getBytes())).status());
        assertEquals(400, assertThrows(ModuleException.class, () -> ModulesJson.fields(new byte[0])).status());
    }
}
