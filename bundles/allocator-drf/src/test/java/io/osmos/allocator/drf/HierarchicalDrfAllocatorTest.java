package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.resources.Resources;

import org.junit.Test;

/** The DS component: typed configuration into settings. */
public class HierarchicalDrfAllocatorTest {

    private static HierarchicalDrfAllocator.Config config(String minimum, String excluded) {
        return new HierarchicalDrfAllocator.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HierarchicalDrfAllocator.Config.class;
            }

            @Override
            public String min_allocatable_resources() {
                return minimum;
            }

            @Override
            public String fair_sharing_excluded_resource_names() {
                return excluded;
            }
        };
    }

    @Test
    public void defaultsAreMesosDefaults() throws Exception {
        assertEquals("cpus:0.01|mem:32", HierarchicalDrfAllocator.Config.class
                .getMethod("min_allocatable_resources").getDefaultValue());
        assertEquals("", HierarchicalDrfAllocator.Config.class
                .getMethod("fair_sharing_excluded_resource_names").getDefaultValue());
        Settings settings = Settings.parse("cpus:0.01|mem:32", " gpus , fpgas,");
        assertEquals(Set.of("gpus", "fpgas"), settings.fairnessExcluded());
        assertTrue(settings.filterGpuResources());
        assertEquals("cpus:0.01|mem:32", settings.minimum().toString());
    }

    @Test
    public void theComponentAllocates() {
        HierarchicalDrfAllocator component = new HierarchicalDrfAllocator(config("mem:2048", ""));
        ManualScheduler scheduler = new ManualScheduler();
        int[] offers = {0};
        component.initialize(new io.osmos.api.allocator.AllocatorContext() {
            @Override
            public io.osmos.api.allocator.OfferSink offers() {
                return (framework, byRole) -> offers[0]++;
            }

            @Override
            public java.util.concurrent.ScheduledExecutorService scheduler() {
                return scheduler;
            }

            @Override
            public double allocationIntervalSeconds() {
                return 1;
            }
        });
        component.addFramework(Harness.framework("f"), Harness.multiRole("r").build(), Map.of(), true, Set.of());
        component.addAgent(Harness.agent("small"), null, Harness.AGENT_CAPABILITIES, Resources.parse("cpus:8;mem:1024"),
                Map.of());
        scheduler.runPending();
        assertEquals("below the configured minimum", 0, offers[0]);
        component.addAgent(Harness.agent("big"), null, Harness.AGENT_CAPABILITIES, Resources.parse("cpus:1;mem:4096"),
                Map.of());
        scheduler.runPending();
        assertEquals(1, offers[0]);
        component.close();
        assertEquals(0, scheduler.pending());
    }

    @Test
    public void badConfigurationFailsActivationWithTheReason() {
        for (String bad : List.of("cpus", "ports:[1-2]", "cpus:1||mem:2")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new HierarchicalDrfAllocator(config(bad, "")));
            assertTrue(e.getMessage(), e.getMessage().contains(bad.split("\\|")[0].split(":")[0]));
        }
    }
}
