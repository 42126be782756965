package io.osmos.api.resources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class ResourcesTest {

    @Test
    public void scalarsAddInFixedPointAndMergeByIdentity() {
        Resources sum = Resources.parse("cpus:0.1").plus(Resources.parse("cpus:0.2"));
        assertEquals(0.3, sum.scalar("cpus"), 0);
        assertEquals(1, sum.toList().size());
        assertEquals(Resources.parse("cpus:0.3"), sum);
        assertEquals("reserved and unreserved stay apart", 2, Resources.parse("cpus:1;cpus(ops):1").toList().size());
    }

    @Test
    public void rangesAndSetsUniteSubtractAndContain() {
        Resources ports = Resources.parse("ports:[31000-31005]").plus(Resources.parse("ports:[31006-31010,32000-32000]"));
        assertEquals("ports:[31000-31010,32000-32000]", ports.toString());
        Resources taken = Resources.parse("ports:[31003-31004]");
        assertTrue(ports.contains(taken));
        assertEquals("ports:[31000-31002,31005-31010,32000-32000]", ports.minus(taken).toString());
        assertFalse(ports.contains(Resources.parse("ports:[30999-31001]")));
        Resources zones = Resources.parse("zones:{a,b}");
        assertTrue(zones.contains(Resources.parse("zones:{b}")));
        assertEquals(Resources.parse("zones:{a}"), zones.minus(Resources.parse("zones:{b}")));
    }

    @Test
    public void subtractionStopsAtNothingAndContainmentNeedsEnough() {
        Resources agent = Resources.parse("cpus:2;mem:1024");
        assertTrue(agent.contains(Resources.parse("cpus:2;mem:512")));
        assertFalse(agent.contains(Resources.parse("cpus:2.001")));
        assertFalse(agent.contains(Resources.parse("gpus:1")));
        assertEquals(Resources.parse("mem:1024"), agent.minus(Resources.parse("cpus:3")));
        assertEquals(Map.of("cpus", 2.0, "mem", 1024.0), agent.scalars());
    }

    @Test
    public void reservationsDecideWhoMayBeOffered() {
        Resources total = Resources.parse("cpus:4;cpus(eng):2;cpus(eng/web):1;mem(ops):64");
        assertEquals(4, total.unreserved().scalar("cpus"), 0);
        assertEquals(2, total.reservedTo("eng").scalar("cpus"), 0);
        assertEquals("unreserved + eng + eng/web", 7, total.allocatableTo("eng/web").scalar("cpus"), 0);
        assertEquals(6, total.allocatableTo("eng").scalar("cpus"), 0);
        assertEquals(0, total.allocatableTo("dev").scalar("mem"), 0);
        assertTrue(Roles.isAncestorOrSelf("eng", "eng/web/a"));
        assertFalse(Roles.isAncestorOrSelf("en", "eng"));
    }

    @Test
    public void allocationInfoIsPartOfTheIdentity() {
        Resources offered = Resources.parse("cpus:1").allocatedTo("a");
        assertFalse(offered.contains(Resources.parse("cpus:1")));
        assertEquals("a", offered.toList().get(0).getAllocationInfo().getRole());
        assertEquals(Resources.parse("cpus:1"), offered.withoutAllocationInfo());
    }
}
