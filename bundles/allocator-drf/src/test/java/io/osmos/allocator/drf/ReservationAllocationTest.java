package io.osmos.allocator.drf;

import static io.osmos.allocator.drf.Harness.agent;
import static io.osmos.allocator.drf.Harness.framework;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.api.resources.Reservations;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;
import io.osmos.proto.v1.Volume;

import org.junit.Test;

/**
 * Reservations and persistent volumes: offered only to their role and the roles below it, kept by
 * the framework that made them from its offer, and following the agent's total when it changes.
 */
public class ReservationAllocationTest {

    private static ReservationInfo dynamic(String role) {
        return ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role)
                .setPrincipal("p").build();
    }

    private static Resources reserved(String resources, String role) {
        return Reservations.push(Resources.parse(resources), dynamic(role));
    }

    /** A 64 MB persistent volume {@code data} on the root disk, reserved to {@code role}. */
    private static Resources volume(String role) {
        Resource disk = reserved("disk:64", role).toList().get(0).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("data").setPrincipal("p"))
                        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW)))
                .build();
        return Resources.of(disk);
    }

    private static void updateTotal(Harness h, String agentId, Resources total) {
        h.allocator.updateAgent(agent(agentId), AgentInfo.newBuilder().setHostname(agentId).build(),
                Harness.AGENT_CAPABILITIES, total);
    }

    @Test
    public void dynamicReservationsGoToTheirRoleAndTheRolesBelowIt() {
        Harness h = new Harness();
        h.addFramework("ops", "ops");
        h.addFramework("web", "ops/web");
        h.addFramework("dev", "dev");
        h.addAgent("a0", "mem:1024");
        h.scheduler.runPending();
        h.declineAll();
        updateTotal(h, "a0", reserved("cpus:2", "ops").plus(Resources.parse("mem:1024")));
        h.scheduler.runPending();
        List<Harness.Offer> offers = h.takeOffers();
        assertEquals(offers.toString(), 1, offers.stream().filter(o -> !o.resources().reserved().isEmpty()).count());
        for (Harness.Offer offer : offers) {
            Resources reservedPart = offer.resources().reserved();
            assertTrue(offer + ": a reservation for ops only goes to ops and ops/web",
                    reservedPart.isEmpty() || offer.role().equals("ops") || offer.role().equals("ops/web"));
            assertTrue(reservedPart.toList().stream().allMatch(r -> r.getAllocationInfo().getRole().equals(offer.role())));
        }
    }

    @Test
    public void resourcesAFrameworkReservedFromItsOfferStayItsOwnUntilGivenBack() {
        Harness h = new Harness();
        h.addFramework("ops", "ops");
        h.addAgent("a0", "cpus:4;mem:1024");
        h.scheduler.runPending();
        Harness.Offer offer = h.takeOffers().get(0);
        Resources consumed = Resources.parse("cpus:1").allocatedTo("ops");
        Resources converted = reserved("cpus:1", "ops").allocatedTo("ops");
        h.allocator.updateAllocation(framework("ops"), agent("a0"), consumed, converted);
        AgentState state = h.allocator.cluster().agents.get("a0");
        assertEquals(Resources.parse("cpus:3;mem:1024").plus(reserved("cpus:1", "ops")), state.total());
        assertEquals(offer.resources().minus(consumed).plus(converted), state.allocatedTo("ops"));
        assertEquals("all of it is still the framework's", Resources.EMPTY, state.available());

        h.addFramework("dev", "dev");
        h.allocator.recoverResources(framework("ops"), agent("a0"), state.allocatedTo("ops"), null);
        h.scheduler.runPending();
        List<Harness.Offer> offers = h.takeOffers();
        assertEquals(2, offers.size());
        for (Harness.Offer next : offers) {
            assertEquals(next.toString(), next.role().equals("ops"), !next.resources().reserved().isEmpty());
        }
    }

    @Test
    public void aVolumeMovedFromEngToOpsIsOfferedToOpsAndNoLongerToEng() {
        Harness h = new Harness();
        h.addFramework("eng", "eng");
        h.addAgent("a0", "cpus:1;mem:1024");
        updateTotal(h, "a0", Resources.parse("cpus:1;mem:1024").plus(volume("eng")));
        h.scheduler.runPending();
        assertEquals(volume("eng").allocatedTo("eng"), h.takeOffers().get(0).resources().reserved());
        h.allocator.recoverResources(framework("eng"), agent("a0"),
                Resources.parse("cpus:1;mem:1024").allocatedTo("eng").plus(volume("eng").allocatedTo("eng")), null);

        h.addFramework("ops", "ops");
        updateTotal(h, "a0", Resources.parse("cpus:1;mem:1024").plus(volume("ops")));
        h.scheduler.runPending();
        List<Harness.Offer> offers = h.takeOffers();
        assertTrue(offers.toString(), offers.stream().anyMatch(o -> o.role().equals("ops")
                && o.resources().reserved().equals(volume("ops").allocatedTo("ops"))));
        assertTrue(offers.toString(), offers.stream().filter(o -> o.role().equals("eng"))
                .allMatch(o -> o.resources().reserved().isEmpty()));
    }

    @Test
    public void reservationsCountAgainstTheirRolesQuotaWhetherUsedOrNot() {
        Harness h = new Harness();
        h.allocator.updateQuota("ops", new io.osmos.api.allocator.Quota(java.util.Map.of(),
                java.util.Map.of("cpus", 2.0)));
        h.addFramework("ops", "ops");
        h.addAgent("a0", "cpus:4;mem:1024");
        updateTotal(h, "a0", Resources.parse("cpus:2;mem:1024").plus(reserved("cpus:2", "ops")));
        h.scheduler.runPending();
        Resources offered = h.takeOffers().get(0).resources();
        assertEquals("its 2 reserved cpus reach the limit of 2: no unreserved cpus on top",
                2.0, offered.scalar("cpus"), 0.0);
        assertEquals(2.0, offered.reserved().scalar("cpus"), 0.0);
    }
}
