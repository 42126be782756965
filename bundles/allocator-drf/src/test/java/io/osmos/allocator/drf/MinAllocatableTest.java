package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.OfferFilters;
import io.osmos.proto.v1.Value;

import org.junit.Test;

public class MinAllocatableTest {

    private static boolean allows(MinAllocatable minimum, String resources) {
        return minimum.allows(Resources.parse(resources));
    }

    @Test
    public void anyAlternativeWithAllItsQuantitiesWillDo() {
        MinAllocatable minimum = MinAllocatable.parse("cpus:0.01|mem:32");
        assertTrue(allows(minimum, "cpus:0.01"));
        assertTrue(allows(minimum, "mem:32"));
        assertTrue(allows(minimum, "cpus(ops):1"));
        assertFalse(allows(minimum, "cpus:0.009;mem:31.999;disk:1000;ports:[1-100]"));
        MinAllocatable both = MinAllocatable.parse("cpus:1;mem:64|gpus:1");
        assertFalse(allows(both, "cpus:1;mem:63"));
        assertTrue(allows(both, "cpus:1;mem:64"));
        assertTrue(allows(both, "gpus:1"));
        assertEquals("cpus:1;mem:64|gpus:1", both.toString());
    }

    @Test
    public void anEmptySettingMeansAnythingButNothing() {
        MinAllocatable none = MinAllocatable.parse("");
        assertTrue(allows(none, "ports:[1-1]"));
        assertFalse("nothing is never offered", none.allows(Resources.EMPTY));
        assertFalse(MinAllocatable.parse("cpus:0.01").allows(Resources.EMPTY));
    }

    @Test
    public void aFrameworksOfferFiltersForTheRoleReplaceTheGlobalMinimum() {
        MinAllocatable global = MinAllocatable.parse("cpus:0.01|mem:32");
        OfferFilters.ResourceQuantities gpu = OfferFilters.ResourceQuantities.newBuilder()
                .putQuantities("gpus", Value.Scalar.newBuilder().setValue(1).build()).build();
        FrameworkInfo info = FrameworkInfo.newBuilder().setUser("u").setName("f")
                .putOfferFilters("ml", OfferFilters.newBuilder().setMinAllocatableResources(
                        OfferFilters.MinAllocatableResources.newBuilder().addQuantities(gpu)).build())
                .putOfferFilters("any", OfferFilters.newBuilder().setMinAllocatableResources(
                        OfferFilters.MinAllocatableResources.getDefaultInstance()).build())
                .putOfferFilters("unset", OfferFilters.getDefaultInstance())
                .build();
        assertFalse(allows(global.forFramework(info, "ml"), "cpus:8;mem:4096"));
        assertTrue(allows(global.forFramework(info, "ml"), "gpus:1"));
        assertTrue(allows(global.forFramework(info, "any"), "cpus:0.001"));
        assertSame(global, global.forFramework(info, "unset"));
        assertSame(global, global.forFramework(info, "other"));
    }

    @Test
    public void rejectsWhatIsNotAScalarQuantity() {
        for (String bad : new String[] {"ports:[1-2]", "cpus(ops):1", "cpus:1|", "cpus:x", "zones:{a}"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class,
                    () -> MinAllocatable.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("Bad min_allocatable_resources")
                    || e.getMessage().startsWith("Bad resource"));
        }
    }
}
