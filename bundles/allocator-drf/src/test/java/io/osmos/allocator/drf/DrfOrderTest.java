package io.osmos.allocator.drf;

import static io.osmos.allocator.drf.Harness.offer;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.osmos.proto.v1.FrameworkInfo;

import org.junit.Test;

/** Who is offered what, in which order: weights, hierarchy, ties, exclusions, random agent order. */
public class DrfOrderTest {

    private static final String AGENT = "cpus:1;mem:1024";

    @Test
    public void weightsSplitIdenticalAgentsOneToThreeInDrfOrder() {
        Harness h = new Harness();
        h.allocator.updateWeights(Map.of("b", 3.0));
        h.addFramework("fa", "a");
        h.addFramework("fb", "b");
        h.addAgents(8, AGENT);
        h.scheduler.runPending();
        // a0: tie at 0, a before b; a1-a3: b's share stays below a's; a4: tie at 1/8, a has fewer
        // allocations; a5-a7: b again. Ends 2/8 to a, 6/8 over weight 3 to b.
        assertEquals(List.of(
                offer("fa", "a", "a0", AGENT), offer("fa", "a", "a4", AGENT),
                offer("fb", "b", "a1", AGENT), offer("fb", "b", "a2", AGENT), offer("fb", "b", "a3", AGENT),
                offer("fb", "b", "a5", AGENT), offer("fb", "b", "a6", AGENT), offer("fb", "b", "a7", AGENT)),
                h.offers);
        assertEquals(2, h.sinkCalls);
    }

    @Test
    public void frameworksOfOneRoleAlternateByAllocationCountThenName() {
        Harness h = new Harness();
        h.addFramework("f2", "r");
        h.addFramework("f1", "r");
        h.addAgents(4, AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("f1", "r", "a0", AGENT), offer("f1", "r", "a2", AGENT),
                offer("f2", "r", "a1", AGENT), offer("f2", "r", "a3", AGENT)), h.offers);
    }

    @Test
    public void aRoleSubtreeCompetesAsAWholeWithItsSiblings() {
        Harness h = new Harness();
        h.addFramework("web", "eng/web");
        h.addFramework("db", "eng/db");
        h.addFramework("ops", "ops");
        h.addAgents(4, AGENT);
        h.scheduler.runPending();
        // a0: eng before ops by name, eng/db before eng/web; a1: ops (eng holds 1/4);
        // a2: eng and ops tie on share and count, eng by name, then eng/web (holds nothing);
        // a3: ops (eng holds 2/4).
        assertEquals(List.of(offer("db", "eng/db", "a0", AGENT), offer("ops", "ops", "a1", AGENT),
                offer("ops", "ops", "a3", AGENT), offer("web", "eng/web", "a2", AGENT)), h.offers);
        assertEquals(2000, h.allocator.cluster().ledger.ofRoleSubtree("eng").millis("cpus"));
    }

    @Test
    public void fairnessExcludedResourcesDoNotCountTowardsShares() {
        FrameworkInfo.Builder gpu = Harness.multiRole("r").addCapabilities(
                Harness.capability(FrameworkInfo.Capability.Type.GPU_RESOURCES));
        for (boolean excluded : new boolean[] {true, false}) {
            Harness h = new Harness(Settings.parse("cpus:0.01|mem:32", excluded ? "gpus" : ""), new Harness.InOrder(),
                    1);
            h.addFramework("f1", gpu.build());
            h.addFramework("f2", gpu.build());
            h.addAgent("a0", "cpus:1;mem:1024;gpus:8");
            h.addAgent("a1", AGENT);
            h.addAgent("a2", AGENT);
            h.scheduler.runPending();
            // f1 takes a0 with all gpus; counted, that is its whole share and f2 gets the rest.
            assertEquals(excluded ? List.of("a0=f1", "a2=f1", "a1=f2") : List.of("a0=f1", "a1=f2", "a2=f2"),
                    h.winners());
        }
    }

    @Test
    public void agentsAreVisitedInTheSeededRandomOrder() {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            agents.add("a" + i);
        }
        List<List<Harness.Offer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Harness h = new Harness(Settings.DEFAULT, new Random(42), 1);
            h.allocator.updateWeights(Map.of("b", 4.0));
            h.addFramework("fa", "a");
            h.addFramework("fb", "b");
            h.addAgents(10, AGENT);
            h.scheduler.runPending();
            runs.add(h.offers);
        }
        assertEquals("same seed, same offers", runs.get(0), runs.get(1));
        List<String> order = new ArrayList<>(agents);
        Collections.shuffle(order, new Random(42));
        // With weights 1:4 over ten agents the pattern is a b b b b a b b b b in visiting order.
        List<Harness.Offer> expected = new ArrayList<>();
        for (int i : new int[] {0, 5}) {
            expected.add(offer("fa", "a", order.get(i), AGENT));
        }
        for (int i : new int[] {1, 2, 3, 4, 6, 7, 8, 9}) {
            expected.add(offer("fb", "b", order.get(i), AGENT));
        }
        assertEquals(expected, runs.get(0));
    }
}
