package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import io.osmos.api.allocator.AllocatorContext;
import io.osmos.api.allocator.OfferSink;
import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;

import org.junit.Before;
import org.junit.Test;

public class HierarchicalDrfAllocatorTest {

    /** One offer as the sink saw it. */
    record Offer(String framework, String role, String agent, Resources resources) {
    }

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Offer> offers = new ArrayList<>();
    private HierarchicalDrfAllocator allocator;

    @Before
    public void start() {
        allocator = newAllocator();
    }

    private HierarchicalDrfAllocator newAllocator() {
        HierarchicalDrfAllocator fresh = new HierarchicalDrfAllocator(new Random(7), "cpus:0.01|mem:32", "");
        OfferSink sink = (framework, byRole) -> byRole.forEach((role, byAgent) -> byAgent.forEach((agent, resources) ->
                offers.add(new Offer(framework.getValue(), role, agent.getValue(), resources))));
        fresh.initialize(new AllocatorContext() {
            @Override
            public OfferSink offers() {
                return sink;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }

            @Override
            public double allocationIntervalSeconds() {
                return 1;
            }
        });
        return fresh;
    }

    private static AgentID agent(String id) {
        return AgentID.newBuilder().setValue(id).build();
    }

    private static FrameworkID framework(String id) {
        return FrameworkID.newBuilder().setValue(id).build();
    }

    private static FrameworkInfo info(String... roles) {
        return FrameworkInfo.newBuilder().setUser("u").setName("f").addAllRoles(List.of(roles))
                .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
                .build();
    }

    private void addAgents(int count, String resources) {
        for (int i = 0; i < count; i++) {
            allocator.addAgent(agent("a" + i), AgentInfo.newBuilder().setHostname("h").build(), List.of(),
                    Resources.parse(resources), Map.of());
        }
    }

    private void addFramework(String id, String... roles) {
        allocator.addFramework(framework(id), info(roles), Map.of(), true, Set.of());
    }

    private List<Offer> offersTo(String framework) {
        return offers.stream().filter(o -> o.framework().equals(framework)).toList();
    }

    private double cpusOffered(String framework) {
        return offersTo(framework).stream().mapToDouble(o -> o.resources().scalar("cpus")).sum();
    }

    @Test
    public void weightedRolesSplitIdenticalAgentsInDrfOrder() {
        allocator.updateWeights(Map.of("b", 3.0));
        addFramework("fa", "a");
        addFramework("fb", "b");
        addAgents(4, "cpus:1;mem:1024");
        scheduler.runDue();
        assertEquals("a (weight 1) gets one agent", 1, offersTo("fa").size());
        assertEquals("b (weight 3) gets three", 3, offersTo("fb").size());
        assertTrue("each offer is a whole agent", offers.stream().allMatch(o -> o.resources().scalar("cpus") == 1));
    }

    @Test
    public void equalWeightsAlternateAndOffersCarryTheirRole() {
        addFramework("fa", "a");
        addFramework("fb", "b");
        addAgents(4, "cpus:1;mem:1024");
        scheduler.runDue();
        assertEquals(2, offersTo("fa").size());
        assertEquals(2, offersTo("fb").size());
        assertEquals("a", offersTo("fa").get(0).resources().toList().get(0).getAllocationInfo().getRole());
    }

    @Test
    public void aDeclineFiltersThatAgentUntilRefuseSecondsPass() {
        addFramework("f", "r");
        addAgents(1, "cpus:1;mem:1024");
        scheduler.runDue();
        Offer offer = offers.remove(0);
        allocator.recoverResources(framework("f"), agent("a0"), offer.resources(),
                Filters.newBuilder().setRefuseSeconds(10).build());
        scheduler.advance(9_000);
        assertTrue("filtered for 10 s", offers.isEmpty());
        scheduler.advance(2_000);
        assertEquals("offered again within an allocation interval of the filter expiring", 1, offers.size());
    }

    @Test
    public void suppressStopsOffersAndReviveBringsThemAtOnce() {
        addFramework("f", "r");
        allocator.suppressOffers(framework("f"), Set.of());
        addAgents(2, "cpus:1;mem:1024");
        scheduler.advance(3_000);
        assertTrue(offers.isEmpty());
        allocator.reviveOffers(framework("f"), Set.of("r"));
        scheduler.runDue();
        assertEquals(2, offers.size());
    }

    @Test
    public void reservedResourcesGoOnlyToTheirRole() {
        addFramework("dev", "dev");
        addFramework("ops", "ops");
        addAgents(1, "cpus(ops):2;cpus:1;mem:1024");
        scheduler.runDue();
        for (Offer offer : offers) {
            Resources reserved = offer.resources().reserved();
            assertTrue(offer.framework() + " got " + offer.resources(),
                    offer.framework().equals("ops") || reserved.isEmpty());
        }
        assertEquals("ops gets its reservation", 2, offersTo("ops").stream()
                .mapToDouble(o -> o.resources().reserved().scalar("cpus")).sum(), 0);
    }

    @Test
    public void aQuotaLimitCapsWhatARoleIsOffered() {
        allocator.updateQuota("a", new Quota(Map.of(), Map.of("cpus", 2.0)));
        addFramework("fa", "a");
        addAgents(4, "cpus:1;mem:256");
        scheduler.advance(3_000);
        assertEquals(2, cpusOffered("fa"), 0);
    }

    @Test
    public void aGuaranteeIsServedBeforeOtherRolesAndHeldBackFromThem() {
        allocator.updateQuota("g", new Quota(Map.of("cpus", 3.0), Map.of()));
        addFramework("fb", "b");
        addFramework("fg", "g");
        addAgents(4, "cpus:1;mem:256");
        scheduler.runDue();
        assertEquals("the guaranteed role gets its 3 cpus", 3, cpusOffered("fg"), 0);
        assertEquals("the other role gets the rest", 1, cpusOffered("fb"), 0);
    }

    @Test
    public void aMultiRoleFrameworkGetsSeparateOffersPerRole() {
        addFramework("f", "x", "y");
        addAgents(2, "cpus:1;mem:1024");
        scheduler.runDue();
        assertEquals(Set.of("x", "y"), Set.copyOf(offers.stream().map(Offer::role).toList()));
        for (Offer offer : offers) {
            assertTrue(offer.resources().toList().stream()
                    .allMatch(r -> r.getAllocationInfo().getRole().equals(offer.role())));
        }
    }

    @Test
    public void recoveredResourcesAreOfferedInTheNextCycleAndOffersNeverOverlap() {
        addFramework("f", "r");
        addAgents(1, "cpus:2;mem:1024");
        scheduler.runDue();
        assertEquals(1, offers.size());
        scheduler.advance(2_000);
        assertEquals("what is offered is not offered again", 1, offers.size());
        allocator.recoverResources(framework("f"), agent("a0"), offers.get(0).resources(), null);
        scheduler.advance(1_000);
        assertEquals(2, offers.size());
    }

    @Test
    public void aNewInstanceFedTheClusterContinuesInDrfOrder() {
        HierarchicalDrfAllocator successor = newAllocator();
        successor.addFramework(framework("busy"), info("a"), Map.of(), true, Set.of());
        successor.addFramework(framework("idle"), info("b"), Map.of(), true, Set.of());
        successor.addAgent(agent("used"), AgentInfo.newBuilder().setHostname("h").build(), List.of(),
                Resources.parse("cpus:1;mem:1024"), Map.of(framework("busy"), Resources.parse("cpus:1;mem:1024")
                        .allocatedTo("a")));
        successor.addAgent(agent("free"), AgentInfo.newBuilder().setHostname("h").build(), List.of(),
                Resources.parse("cpus:1;mem:1024"), Map.of());
        scheduler.runDue();
        assertEquals("only the free agent is offered, to the framework with the lower share",
                List.of(new Offer("idle", "b", "free", Resources.parse("cpus:1;mem:1024").allocatedTo("b"))),
                offers);
        assertFalse(offersTo("busy").stream().anyMatch(o -> o.agent().equals("used")));
    }
}
