package io.osmos.allocator.drf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.Resource;

import org.junit.Test;

public class QuotaBookTest {

    private static AgentState agent(String total) {
        return new AgentState(AgentID.newBuilder().setValue("a").build(), Harness.AGENT_CAPABILITIES,
                Resources.parse(total));
    }

    @Test
    public void consumptionIsReservationsPlusUnreservedAllocations() {
        AgentState one = agent("cpus:4;cpus(eng):2;cpus(eng/web):1;mem:100");
        one.allocate("f", Resources.parse("cpus:1;cpus(eng):1;mem:10").allocatedTo("eng/web"));
        one.allocate("g", Resources.parse("cpus:0.5").allocatedTo("ops"));
        QuotaBook book = new QuotaBook(Map.of(
                "eng", new Quota(Map.of("cpus", 5.0), Map.of()),
                "eng/web", new Quota(Map.of(), Map.of("cpus", 3.0)),
                "ops", new Quota(Map.of(), Map.of())), List.of(one));
        assertEquals("eng: its reservations 2 + eng/web's 1, and 1 unreserved used below it", 4000,
                book.consumed("eng", "cpus"));
        assertEquals("eng/web: its reservation, 1 unreserved, and eng's reserved cpu it uses", 3000,
                book.consumed("eng/web", "cpus"));
        assertEquals(500, book.consumed("ops", "cpus"));
        assertEquals(1000, book.need("eng/web", "cpus"));
        assertEquals(0, book.need("ops", "cpus"));
        assertEquals(0, book.limitRoom("eng/web", "cpus"));
        assertEquals(Long.MAX_VALUE, book.limitRoom("eng", "cpus"));
        assertEquals("2.5 unreserved cpus unallocated, 1 needed by eng", 1500, book.surplus("cpus"));
        assertTrue(book.unsatisfied("eng/web"));
        assertFalse(book.unsatisfied("ops"));
    }

    @Test
    public void revocableResourcesAreOutsideQuota() {
        Resource revocable = Resources.parse("cpus:8").toList().get(0).toBuilder()
                .setRevocable(Resource.RevocableInfo.getDefaultInstance()).build();
        AgentState one = new AgentState(AgentID.newBuilder().setValue("a").build(), Harness.AGENT_CAPABILITIES,
                Resources.parse("cpus:1").plus(revocable));
        QuotaBook book = new QuotaBook(Map.of("r", new Quota(Map.of("cpus", 1.0), Map.of("cpus", 1.0))), List.of(one));
        assertEquals(0, book.surplus("cpus"));
        Resources fitted = book.fit("s", one.available(), false);
        assertEquals("the revocable cpus are not held back", Resources.of(revocable), fitted);
        assertEquals("stage 1 leaves revocable resources for stage 2", Resources.parse("cpus:1"),
                book.fit("r", one.available(), true));
    }

    @Test
    public void recordingAnOfferMovesConsumptionAndHeadroom() {
        AgentState one = agent("cpus:4;mem:100");
        QuotaBook book = new QuotaBook(Map.of("g", new Quota(Map.of("cpus", 3.0), Map.of("cpus", 3.5))), List.of(one));
        assertEquals(1000, book.surplus("cpus"));
        assertEquals(Resources.parse("cpus:3;mem:100"), book.fit("g", one.available(), true));
        assertEquals("stage 2 may go up to the limit", Resources.parse("cpus:3.5;mem:100"),
                book.fit("g", one.available(), false));
        assertEquals("others get the surplus only", Resources.parse("cpus:1;mem:100"),
                book.fit("b", one.available(), false));
        book.record("g", Resources.parse("cpus:2").allocatedTo("g"));
        assertEquals(2000, book.consumed("g", "cpus"));
        assertEquals(1000, book.need("g", "cpus"));
        assertEquals("2 unallocated, 1 still needed", 1000, book.surplus("cpus"));
        assertEquals(1500, book.limitRoom("g", "cpus"));
    }
}
