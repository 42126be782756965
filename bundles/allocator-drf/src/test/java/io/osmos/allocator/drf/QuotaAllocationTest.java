package io.osmos.allocator.drf;

import static io.osmos.allocator.drf.Harness.framework;
import static io.osmos.allocator.drf.Harness.offer;
import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import io.osmos.api.allocator.Quota;

import org.junit.Test;

/** Quota limits and guarantees as the allocator applies them. */
public class QuotaAllocationTest {

    private static final String AGENT = "cpus:1;mem:256";

    private static Quota limit(String name, double amount) {
        return new Quota(Map.of(), Map.of(name, amount));
    }

    private static Quota guarantee(String name, double amount) {
        return new Quota(Map.of(name, amount), Map.of());
    }

    @Test
    public void aLimitCapsWhatARoleIsOfferedOfThatResourceOnly() {
        Harness h = new Harness();
        h.allocator.updateQuota("a", limit("cpus", 2));
        h.addFramework("fa", "a");
        h.addAgents(4, AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("fa", "a", "a0", AGENT), offer("fa", "a", "a1", AGENT),
                offer("fa", "a", "a2", "mem:256"), offer("fa", "a", "a3", "mem:256")), h.takeOffers());
        h.decline(offer("fa", "a", "a0", AGENT), null);
        h.scheduler.advance(1_000);
        assertEquals("room for one cpu again", List.of(offer("fa", "a", "a0", AGENT)), h.offers);
    }

    @Test
    public void aLimitOnAParentCapsItsChildren() {
        Harness h = new Harness();
        h.allocator.updateQuota("eng", limit("cpus", 1.5));
        h.addFramework("web", "eng/web");
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("web", "eng/web", "a0", AGENT), offer("web", "eng/web", "a1", "cpus:0.5;mem:256")),
                h.offers);
    }

    @Test
    public void removingTheQuotaLiftsTheLimit() {
        Harness h = new Harness();
        h.allocator.updateQuota("a", limit("cpus", 0));
        h.addFramework("fa", "a");
        h.addAgents(1, AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("fa", "a", "a0", "mem:256")), h.takeOffers());
        h.allocator.updateQuota("a", Quota.NONE);
        h.scheduler.advance(1_000);
        assertEquals(List.of(offer("fa", "a", "a0", "cpus:1")), h.offers);
    }

    @Test
    public void aGuaranteeIsServedBeforeOtherRolesGetAnything() {
        Harness h = new Harness();
        h.allocator.updateQuota("g", guarantee("cpus", 3));
        h.addFramework("fb", "b");
        h.addFramework("fg", "g");
        h.addAgents(4, AGENT);
        h.scheduler.runPending();
        // Without quota b would come first by name and the split would be a0, a2 to b.
        assertEquals(List.of(offer("fg", "g", "a0", AGENT), offer("fg", "g", "a1", AGENT),
                offer("fg", "g", "a2", AGENT), offer("fb", "b", "a3", AGENT)), h.offers);
    }

    @Test
    public void stageOneCutsTheGuaranteedResourceToWhatIsMissing() {
        Harness h = new Harness();
        h.allocator.updateQuota("g", guarantee("cpus", 1.5));
        h.addFramework("fb", "b");
        h.addFramework("fg", "g");
        h.addAgents(2, "cpus:2;mem:256");
        h.scheduler.runPending();
        // Stage 1 gives g its 1.5 cpus with the agent's mem; stage 2 goes by DRF: b has nothing.
        assertEquals(List.of(offer("fg", "g", "a0", "cpus:1.5;mem:256"), offer("fb", "b", "a0", "cpus:0.5"),
                offer("fb", "b", "a1", "cpus:2;mem:256")), h.offers);
    }

    @Test
    public void unallocatedResourcesAreHeldBackForAnUnmetGuarantee() {
        Harness h = new Harness();
        h.allocator.updateQuota("g", guarantee("cpus", 3));
        h.addFramework("fb", "b");
        h.addAgents(4, AGENT);
        h.scheduler.runPending();
        assertEquals("only one cpu is not needed for g's guarantee; mem is not guaranteed",
                List.of(offer("fb", "b", "a0", AGENT), offer("fb", "b", "a1", "mem:256"),
                        offer("fb", "b", "a2", "mem:256"), offer("fb", "b", "a3", "mem:256")), h.takeOffers());
        h.scheduler.advance(2_000);
        assertEquals(List.of(), h.offers);

        h.addFramework("fg", "g");
        h.scheduler.runPending();
        assertEquals("the held back cpus go to g as soon as it comes",
                List.of(offer("fg", "g", "a1", "cpus:1"), offer("fg", "g", "a2", "cpus:1"),
                        offer("fg", "g", "a3", "cpus:1")), h.offers);
    }

    @Test
    public void unallocatedReservationsCountTowardsTheGuarantee() {
        Harness h = new Harness();
        h.allocator.updateQuota("g", guarantee("cpus", 2));
        h.addFramework("fb", "b");
        h.addAgent("a0", "cpus(g):2;mem:256");
        h.addAgent("a1", AGENT);
        h.scheduler.runPending();
        assertEquals("g's reservation meets its guarantee: nothing is held back",
                List.of(offer("fb", "b", "a0", "mem:256"), offer("fb", "b", "a1", AGENT)), h.offers);
    }

    @Test
    public void aSuppressedGuaranteedRoleStillHoldsItsHeadroom() {
        Harness h = new Harness();
        h.allocator.updateQuota("g", guarantee("cpus", 1));
        h.addFramework("fg", "g");
        h.allocator.suppressOffers(framework("fg"), java.util.Set.of());
        h.addFramework("fb", "b");
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("fb", "b", "a0", AGENT), offer("fb", "b", "a1", "mem:256")), h.offers);
    }
}
