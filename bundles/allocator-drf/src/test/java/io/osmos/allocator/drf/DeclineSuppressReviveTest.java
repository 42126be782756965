package io.osmos.allocator.drf;

import static io.osmos.allocator.drf.Harness.framework;
import static io.osmos.allocator.drf.Harness.offer;
import static io.osmos.allocator.drf.Harness.refuse;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import io.osmos.api.resources.Resources;

import org.junit.Test;

/** Decline filters, suppression and revival, on a one-second allocation interval. */
public class DeclineSuppressReviveTest {

    private static final String AGENT = "cpus:1;mem:1024";

    @Test
    public void aDeclineFiltersThatAgentForRefuseSecondsAndNoOther() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        List<Harness.Offer> first = h.takeOffers();
        assertEquals(List.of(offer("f", "r", "a0", AGENT), offer("f", "r", "a1", AGENT)), first);

        h.scheduler.advance(500);
        h.decline(first.get(0), refuse(10));
        h.decline(first.get(1), refuse(0));
        h.scheduler.advance(500);
        assertEquals("t=1s: only the agent declined without a filter", List.of(offer("f", "r", "a1", AGENT)),
                h.takeOffers());
        h.scheduler.advance(9_999);
        assertEquals("the filter holds until t=10.5s", List.of(), h.offers);
        h.scheduler.advance(1);
        assertEquals("t=11s: the first cycle after the filter expired", 11_000, h.scheduler.now());
        assertEquals(List.of(offer("f", "r", "a0", AGENT)), h.offers);
    }

    @Test
    public void noFilterIsShorterThanTheAllocationInterval() {
        Harness h = new Harness(Settings.DEFAULT, new Harness.InOrder(), 5);
        h.addFramework("f", "r");
        h.addAgents(1, AGENT);
        h.scheduler.runPending();
        h.scheduler.advance(100);
        h.decline(h.takeOffers().get(0), refuse(0.5));
        h.scheduler.advance(4_900);
        assertEquals("half a second would have ended long before the cycle at t=5s", List.of(), h.offers);
        h.scheduler.advance(5_000);
        assertEquals(List.of(offer("f", "r", "a0", AGENT)), h.offers);
    }

    @Test
    public void offeringMoreThanWasRefusedGetsThroughTheFilter() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, AGENT);
        h.scheduler.runPending();
        h.decline(h.takeOffers().get(0), refuse(100));
        h.scheduler.advance(3_000);
        assertTrue(h.offers.isEmpty());
        h.allocator.updateAgent(Harness.agent("a0"), null, Harness.AGENT_CAPABILITIES,
                Resources.parse("cpus:2;mem:1024"));
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "r", "a0", "cpus:2;mem:1024")), h.offers);
    }

    @Test
    public void aRefusalFiltersOnlyItsOwnRole() {
        Harness h = new Harness();
        h.addFramework("f", "x", "y");
        h.addAgents(1, "cpus:2;mem:2048");
        h.scheduler.runPending();
        Harness.Offer toX = h.takeOffers().get(0);
        assertEquals(offer("f", "x", "a0", "cpus:2;mem:2048"), toX);
        h.decline(toX, refuse(100));
        h.scheduler.advance(1_000);
        assertEquals("y has fewer allocations", List.of(offer("f", "y", "a0", "cpus:2;mem:2048")), h.takeOffers());
        h.decline(offer("f", "y", "a0", "cpus:2;mem:2048"), null);
        h.scheduler.advance(1_000);
        assertEquals("x would come first by name, but is filtered", List.of(offer("f", "y", "a0", "cpus:2;mem:2048")),
                h.offers);
    }

    @Test
    public void suppressStopsOffersAndReviveRestoresThemAtOnce() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.allocator.suppressOffers(framework("f"), Set.of());
        h.addAgents(2, AGENT);
        h.scheduler.advance(3_500);
        assertTrue(h.offers.isEmpty());
        h.allocator.reviveOffers(framework("f"), Set.of());
        h.scheduler.runPending();
        assertEquals("at t=3.5s, not at the next periodic cycle", 3_500, h.scheduler.now());
        assertEquals(List.of(offer("f", "r", "a0", AGENT), offer("f", "r", "a1", AGENT)), h.offers);
    }

    @Test
    public void suppressingOneRoleLeavesTheOthers() {
        Harness h = new Harness();
        h.addFramework("f", "x", "y");
        h.allocator.suppressOffers(framework("f"), Set.of("x"));
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "y", "a0", AGENT), offer("f", "y", "a1", AGENT)), h.offers);
    }

    @Test
    public void reviveClearsTheRolesFiltersAndAllocatesAtOnce() {
        Harness h = new Harness();
        h.addFramework("f", "x", "y");
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        List<Harness.Offer> first = h.takeOffers();
        assertEquals(List.of(offer("f", "x", "a0", AGENT), offer("f", "y", "a1", AGENT)), first);
        first.forEach(o -> h.decline(o, refuse(1_000)));
        h.scheduler.advance(2_000);
        assertEquals("x is filtered on a0 but not a1, y on a1 but not a0",
                List.of(offer("f", "y", "a0", AGENT), offer("f", "x", "a1", AGENT)), h.offers);
        h.takeOffers().forEach(o -> h.decline(o, refuse(1_000)));
        h.scheduler.advance(2_000);
        assertTrue("everything filtered now", h.offers.isEmpty());
        h.allocator.reviveOffers(framework("f"), Set.of("y"));
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "y", "a0", AGENT), offer("f", "y", "a1", AGENT)), h.offers);
    }
}
