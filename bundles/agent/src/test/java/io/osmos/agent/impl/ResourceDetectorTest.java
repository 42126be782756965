package io.osmos.agent.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.osmos.proto.v1.Resource;

import org.junit.Test;

public class ResourceDetectorTest {

    @Test
    public void detectionFillsOnlyWhatTheOperatorLeftOut() {
        List<Resource> resources = ResourceDetector.resources("cpus:1.5", Path.of("/tmp"));
        assertEquals(List.of("cpus", "mem", "disk", "ports"), resources.stream().map(Resource::getName).toList());
        assertEquals(1.5, resources.get(0).getScalar().getValue(), 0);
        assertTrue(resources.get(1).getScalar().getValue() > 0);
    }

    @Test
    public void memoryAndDiskKeepAMarginForTheHostAsMesosDoes() {
        assertEquals(7168, ResourceDetector.withMargin(8192, 1024, 2048), 0);
        assertEquals(512, ResourceDetector.withMargin(1024, 1024, 2048), 0);
    }
}
