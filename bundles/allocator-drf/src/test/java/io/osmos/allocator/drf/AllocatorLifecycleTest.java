package io.osmos.allocator.drf;

import static io.osmos.allocator.drf.Harness.agent;
import static io.osmos.allocator.drf.Harness.framework;
import static io.osmos.allocator.drf.Harness.offer;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.OfferFilters;
import io.osmos.proto.v1.Value;

import org.junit.Test;

/** Agents and frameworks coming and going, resources coming back, triggers, and a re-fed successor. */
public class AllocatorLifecycleTest {

    private static final String AGENT = "cpus:1;mem:1024";

    @Test
    public void eventsAreCoalescedIntoOneRun() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(3, AGENT);
        assertEquals("the periodic run and one event run", 2, h.scheduler.pending());
        h.scheduler.runPending();
        assertEquals(1, h.sinkCalls);
        assertEquals(3, h.offers.size());
        assertEquals(1, h.scheduler.pending());
    }

    @Test
    public void anAddedAgentTriggersARunOverThatAgentOnly() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, AGENT);
        h.scheduler.runPending();
        h.declineAll();
        h.addAgent("new", AGENT);
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "r", "new", AGENT)), h.takeOffers());
        h.scheduler.advance(1_000);
        assertEquals("the periodic run covers all agents", List.of(offer("f", "r", "a0", AGENT)), h.offers);
    }

    @Test
    public void allocateRunsACycleNow() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, AGENT);
        h.allocator.allocate();
        assertEquals(List.of(offer("f", "r", "a0", AGENT)), h.offers);
        h.scheduler.runPending();
        assertEquals("the pending event run found nothing left to do", 1, h.sinkCalls);
    }

    @Test
    public void recoveredResourcesAreOfferedInTheNextCycle() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, "cpus:2;mem:1024");
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "r", "a0", "cpus:2;mem:1024")), h.takeOffers());
        h.scheduler.advance(2_000);
        assertEquals("what is offered is not offered again", List.of(), h.offers);
        h.allocator.recoverResources(framework("f"), agent("a0"), Resources.parse("cpus:1;mem:512").allocatedTo("r"),
                null);
        h.scheduler.advance(1_000);
        assertEquals(List.of(offer("f", "r", "a0", "cpus:1;mem:512")), h.offers);
    }

    @Test
    public void recoveringMoreThanIsHeldReturnsOnlyWhatIsHeld() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, "cpus:2;mem:1024");
        h.scheduler.runPending();
        h.allocator.recoverResources(framework("f"), agent("a0"), Resources.parse("cpus:5;mem:1024;gpus:1"), null);
        h.allocator.recoverResources(framework("other"), agent("a0"), Resources.parse("cpus:1"), null);
        h.allocator.recoverResources(framework("f"), agent("gone"), Resources.parse("cpus:1"), null);
        assertEquals(0, h.allocator.cluster().ledger.ofRoleSubtree("r").millis("cpus"));
        assertEquals(Resources.parse("cpus:2;mem:1024"), h.allocator.cluster().agents.get("a0").available());
    }

    @Test
    public void aMultiRoleFrameworkGetsSeparateOffersPerRole() {
        Harness h = new Harness();
        h.addFramework("f", "x", "y");
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        assertEquals(1, h.sinkCalls);
        assertEquals(List.of(offer("f", "x", "a0", AGENT), offer("f", "y", "a1", AGENT)), h.offers);
        assertTrue(h.offers.stream().allMatch(o -> o.resources().toList().stream()
                .allMatch(r -> r.getAllocationInfo().getRole().equals(o.role()))));
    }

    @Test
    public void reservedResourcesGoOnlyToTheirRoleAndItsDescendants() {
        Harness h = new Harness();
        h.addFramework("dev", "dev");
        h.addFramework("ops", "ops");
        h.addAgent("a0", "cpus(ops):2;cpus:1;mem:1024");
        h.scheduler.runPending();
        assertEquals(List.of(offer("dev", "dev", "a0", "cpus:1;mem:1024"), offer("ops", "ops", "a0", "cpus(ops):2")),
                h.offers);

        Harness tree = new Harness();
        tree.addFramework("eng", "eng");
        tree.addFramework("web", "eng/web");
        tree.addAgent("a0", "cpus(eng):2;cpus(eng/web):1");
        tree.scheduler.runPending();
        assertEquals("eng's reservation may go to eng/web, not the other way round",
                List.of(offer("eng", "eng", "a0", "cpus(eng):2"), offer("web", "eng/web", "a0", "cpus(eng/web):1")),
                tree.offers);
    }

    @Test
    public void deactivatedAgentsAndFrameworksGetAndGiveNothing() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(2, AGENT);
        h.allocator.deactivateAgent(agent("a0"));
        h.allocator.deactivateFramework(framework("f"));
        h.scheduler.advance(2_000);
        assertEquals(List.of(), h.offers);
        h.allocator.activateFramework(framework("f"));
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "r", "a1", AGENT)), h.takeOffers());
        h.allocator.activateAgent(agent("a0"));
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "r", "a0", AGENT)), h.offers);
    }

    @Test
    public void aRemovedFrameworksResourcesGoToOthers() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, AGENT);
        h.scheduler.runPending();
        h.takeOffers();
        h.allocator.removeFramework(framework("f"));
        h.addFramework("g", "r");
        h.scheduler.runPending();
        assertEquals(List.of(offer("g", "r", "a0", AGENT)), h.offers);
        assertEquals(1000, h.allocator.cluster().ledger.ofRoleSubtree("r").millis("cpus"));
    }

    @Test
    public void aRemovedAgentLeavesNothingBehind() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(2, AGENT);
        h.scheduler.runPending();
        h.decline(h.offers.get(0), Harness.refuse(100));
        h.allocator.removeAgent(agent("a0"));
        h.allocator.removeAgent(agent("a1"));
        assertEquals(0, h.allocator.cluster().ledger.ofRoleSubtree("r").millis("cpus"));
        assertEquals("only the periodic run is left", 1, h.scheduler.pending());
    }

    @Test
    public void offersRespectMinAllocatableResourcesGlobalOrPerFramework() {
        Harness h = new Harness();
        h.addFramework("plain", "r");
        h.addFramework("small", Harness.multiRole("r").putOfferFilters("r", OfferFilters.newBuilder()
                .setMinAllocatableResources(OfferFilters.MinAllocatableResources.newBuilder()
                        .addQuantities(OfferFilters.ResourceQuantities.newBuilder()
                                .putQuantities("cpus", Value.Scalar.newBuilder().setValue(0.001).build())))
                .build()).build());
        h.addAgent("a0", "cpus:0.005;mem:16");
        h.scheduler.runPending();
        assertEquals("below cpus:0.01|mem:32 for plain, enough for small",
                List.of(offer("small", "r", "a0", "cpus:0.005;mem:16")), h.offers);
    }

    @Test
    public void agentsWithGpusAreOfferedOnlyToFrameworksThatUseGpus() {
        Harness h = new Harness();
        h.addFramework("cpu", "r");
        h.addAgent("a0", "cpus:1;mem:1024;gpus:1");
        h.scheduler.advance(2_000);
        assertEquals(List.of(), h.offers);
        h.addFramework("gpu", Harness.multiRole("r")
                .addCapabilities(Harness.capability(FrameworkInfo.Capability.Type.GPU_RESOURCES)).build());
        h.scheduler.runPending();
        assertEquals(List.of(offer("gpu", "r", "a0", "cpus:1;mem:1024;gpus:1")), h.offers);
    }

    @Test
    public void aReFedSuccessorContinuesInDrfOrder() {
        Map<AgentID, Resources> busyUse = Map.of(agent("u0"), Resources.parse("cpus:2;mem:2048").allocatedTo("a"),
                agent("u1"), Resources.parse("cpus:1;mem:1024").allocatedTo("a"));
        for (boolean agentsFirst : new boolean[] {false, true}) {
            Harness h = new Harness();
            if (!agentsFirst) {
                h.allocator.addFramework(framework("busy"), Harness.multiRole("a").build(), busyUse, true, Set.of());
                h.addFramework("idle", "b");
            }
            h.addAgent("u0", "cpus:2;mem:2048", Map.of(framework("busy"), busyUse.get(agent("u0"))));
            h.addAgent("u1", "cpus:2;mem:2048", Map.of(framework("busy"), busyUse.get(agent("u1"))));
            h.addAgent("u2", "cpus:2;mem:2048");
            if (agentsFirst) {
                h.allocator.addFramework(framework("busy"), Harness.multiRole("a").build(), busyUse, true, Set.of());
                h.addFramework("idle", "b");
            }
            h.scheduler.runPending();
            assertEquals("busy holds half the cluster, so idle gets all that is free",
                    List.of(offer("idle", "b", "u1", "cpus:1;mem:1024"), offer("idle", "b", "u2", "cpus:2;mem:2048")),
                    h.offers);
            assertEquals("use is booked once", 3000, h.allocator.cluster().ledger.ofRoleSubtree("a").millis("cpus"));
        }
    }

    @Test
    public void resourcesWithoutAllocationInfoBelongToTheFrameworksRole() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgent("a0", "cpus:2;mem:2048", Map.of(framework("f"), Resources.parse("cpus:1;mem:1024")));
        assertEquals(1000, h.allocator.cluster().ledger.ofFramework("r", "f").millis("cpus"));
        h.scheduler.runPending();
        assertEquals(List.of(offer("f", "r", "a0", "cpus:1;mem:1024")), h.takeOffers());
        h.allocator.recoverResources(framework("f"), agent("a0"), Resources.parse("cpus:2;mem:2048"), null);
        assertEquals(0, h.allocator.cluster().ledger.ofFramework("r", "f").millis("cpus"));
    }

    @Test
    public void closeStopsAllTimers() {
        Harness h = new Harness();
        h.addFramework("f", "r");
        h.addAgents(1, AGENT);
        h.scheduler.runPending();
        h.decline(h.offers.get(0), Harness.refuse(100));
        h.addAgent("a1", AGENT);
        h.allocator.close();
        h.scheduler.advance(10_000);
        assertEquals(0, h.scheduler.pending());
        assertEquals(1, h.sinkCalls);
    }

    @Test
    public void aFailingRunDoesNotStopThePeriodicOnes() {
        int[] calls = {0};
        DrfAllocator allocator = new DrfAllocator(Settings.DEFAULT, new Harness.InOrder());
        ManualScheduler scheduler = new ManualScheduler();
        allocator.initialize(new io.osmos.api.allocator.AllocatorContext() {
            @Override
            public io.osmos.api.allocator.OfferSink offers() {
                return (framework, offers) -> {
                    calls[0]++;
                    throw new IllegalStateException("sink broke");
                };
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
        allocator.addFramework(framework("f"), Harness.multiRole("r").build(), Map.of(), true, Set.of());
        allocator.addAgent(agent("a0"), null, Harness.AGENT_CAPABILITIES, Resources.parse(AGENT), Map.of());
        scheduler.runPending();
        allocator.recoverResources(framework("f"), agent("a0"), Resources.parse(AGENT).allocatedTo("r"), null);
        scheduler.advance(1_000);
        assertEquals(2, calls[0]);
        assertEquals(1, scheduler.pending());
    }
}
