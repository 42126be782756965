package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Filters;

import org.junit.Test;

public class OfferFiltersTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final OfferFilters filters = new OfferFilters(scheduler, 1);

    private static Filters refuse(double seconds) {
        return Filters.newBuilder().setRefuseSeconds(seconds).build();
    }

    @Test
    public void refuseSecondsFollowMesosRules() {
        assertEquals("unset means the default", 5, OfferFilters.seconds(Filters.getDefaultInstance(), 1), 0);
        assertEquals(5, OfferFilters.seconds(refuse(-3), 1), 0);
        assertEquals(5, OfferFilters.seconds(refuse(Double.NaN), 1), 0);
        assertEquals("zero means no filter", 0, OfferFilters.seconds(refuse(0), 1), 0);
        assertEquals("never below the allocation interval", 1, OfferFilters.seconds(refuse(0.2), 1), 0);
        assertEquals(2.5, OfferFilters.seconds(refuse(2.5), 1), 0);
        assertEquals("at most a year", 365 * 86400, OfferFilters.seconds(refuse(Double.MAX_VALUE), 1), 0);
        assertEquals(365 * 86400, OfferFilters.seconds(refuse(Double.POSITIVE_INFINITY), 1), 0);
    }

    @Test
    public void aCandidateIsFilteredIffARefusalContainsIt() {
        filters.refuse("f", "r", "a", Resources.parse("cpus:2;mem:1024;ports:[1-10]").allocatedTo("r"), refuse(10));
        assertTrue(filters.filtered("f", "r", "a", Resources.parse("cpus:2;mem:1024;ports:[1-10]").allocatedTo("r")));
        assertTrue("less than refused", filters.filtered("f", "r", "a", Resources.parse("cpus:1;ports:[2-3]")));
        assertFalse("more than refused", filters.filtered("f", "r", "a", Resources.parse("cpus:3")));
        assertFalse("different", filters.filtered("f", "r", "a", Resources.parse("cpus:1;gpus:1")));
        assertFalse("other ports", filters.filtered("f", "r", "a", Resources.parse("ports:[11-11]")));
        assertFalse(filters.filtered("f", "s", "a", Resources.parse("cpus:1")));
        assertFalse(filters.filtered("g", "r", "a", Resources.parse("cpus:1")));
        assertFalse(filters.filtered("f", "r", "b", Resources.parse("cpus:1")));
    }

    @Test
    public void refusalsExpireOnTheScheduler() {
        filters.refuse("f", "r", "a", Resources.parse("cpus:1"), refuse(2));
        filters.refuse("f", "r", "a", Resources.parse("mem:1"), refuse(4));
        scheduler.advance(1_999);
        assertTrue(filters.filtered("f", "r", "a", Resources.parse("cpus:1")));
        scheduler.advance(1);
        assertFalse(filters.filtered("f", "r", "a", Resources.parse("cpus:1")));
        assertTrue(filters.filtered("f", "r", "a", Resources.parse("mem:1")));
        scheduler.advance(2_000);
        assertEquals(0, filters.size());
        assertEquals(0, scheduler.pending());
    }

    @Test
    public void noRefusalForZeroSecondsOrNothing() {
        filters.refuse("f", "r", "a", Resources.parse("cpus:1"), refuse(0));
        filters.refuse("f", "r", "a", Resources.EMPTY, refuse(10));
        assertEquals(0, filters.size());
        assertEquals(0, scheduler.pending());
    }

    @Test
    public void clearingByRoleFrameworkAgentOrAllCancelsTimers() {
        filters.refuse("f", "x", "a", Resources.parse("cpus:1"), refuse(10));
        filters.refuse("f", "y", "a", Resources.parse("cpus:1"), refuse(10));
        filters.refuse("g", "x", "a", Resources.parse("cpus:1"), refuse(10));
        filters.refuse("g", "x", "b", Resources.parse("cpus:1"), refuse(10));
        filters.clear("f", Set.of("x"));
        assertFalse(filters.filtered("f", "x", "a", Resources.parse("cpus:1")));
        assertTrue(filters.filtered("f", "y", "a", Resources.parse("cpus:1")));
        assertEquals(3, scheduler.pending());
        filters.clearAgent("b");
        assertEquals(2, filters.size());
        filters.clearFramework("f");
        assertEquals(1, filters.size());
        filters.close();
        assertEquals(0, filters.size());
        assertEquals(0, scheduler.pending());
    }
}
