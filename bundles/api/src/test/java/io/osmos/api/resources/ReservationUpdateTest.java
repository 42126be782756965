package io.osmos.api.resources;

import static io.osmos.api.resources.OperationFixtures.applied;
import static io.osmos.api.resources.OperationFixtures.dynamic;
import static io.osmos.api.resources.OperationFixtures.invalid;
import static io.osmos.api.resources.OperationFixtures.of;
import static io.osmos.api.resources.OperationFixtures.refused;
import static io.osmos.api.resources.OperationFixtures.reserve;
import static io.osmos.api.resources.OperationFixtures.reserved;
import static io.osmos.api.resources.OperationFixtures.scalar;
import static io.osmos.api.resources.OperationFixtures.statically;
import static io.osmos.api.resources.OperationFixtures.volume;
import static io.osmos.api.resources.OperationFixtures.withReservations;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.proto.v1.Resource;

import org.junit.Test;

/** RESERVE with {@code source}: Mesos 1.10's reservation update (MESOS-9981, reference §3.4). */
public class ReservationUpdateTest {

    @Test
    public void reReservesCpusFromOneRoleToAnother() {
        Resources agent = of(reserved(scalar("cpus", 2), "role_a"), scalar("mem", 64));
        Resource source = reserved(scalar("cpus", 1), "role_a");
        Resource target = reserved(scalar("cpus", 1), "role_b");
        OperationResult result = applied(agent, reserve(List.of(source), List.of(target)));
        assertEquals(of(source), result.consumed());
        assertEquals(of(target), result.converted());
        assertEquals(of(reserved(scalar("cpus", 1), "role_a"), target, scalar("mem", 64)), result.resources());
    }

    @Test
    public void movesAPersistentVolumeToAnotherRoleKeepingItsDiskInfo() {
        Resource eng = volume("mysql", "var/lib/mysql", 512, "eng");
        Resource ops = volume("mysql", "var/lib/mysql", 512, "ops");
        Resources agent = of(eng, reserved(scalar("disk", 100), "eng"), scalar("cpus", 1));
        OperationResult result = applied(agent, reserve(List.of(eng), List.of(ops)));
        assertEquals(of(ops, reserved(scalar("disk", 100), "eng"), scalar("cpus", 1)), result.resources());
        Resource moved = result.resources().persistentVolumes().toList().get(0);
        assertEquals("persistence id, principal, volume: all as they were", eng.getDisk(), moved.getDisk());
        assertEquals("ops", Resources.reservationRole(moved));
        assertEquals("and back again", agent, applied(result.resources(),
                reserve(List.of(ops), List.of(eng))).resources());
    }

    @Test
    public void updatesSeveralResourcesWithTheSameStack() {
        Resources agent = Resources.parse("cpus:4;mem:256;disk:100").pushReservation(dynamic("role_a"));
        List<Resource> source = Resources.parse("cpus:1;mem:128").pushReservation(dynamic("role_a")).toList();
        List<Resource> target = Resources.parse("cpus:1;mem:128").pushReservation(dynamic("role_b")).toList();
        OperationResult result = applied(agent, reserve(source, target));
        assertEquals(Resources.parse("cpus:3;mem:128;disk:100").pushReservation(dynamic("role_a"))
                .plus(Resources.of(target)), result.resources());
    }

    @Test
    public void refinesAndCoarsensAlongTheStack() {
        Resources agent = of(reserved(scalar("cpus", 2), "a"));
        Resource coarse = reserved(scalar("cpus", 2), "a");
        Resource fine = reserved(scalar("cpus", 2), "a", "a/b");
        Resources refined = applied(agent, reserve(List.of(coarse), List.of(fine))).resources();
        assertEquals(of(fine), refined);
        assertEquals(agent, applied(refined, reserve(List.of(fine), List.of(coarse))).resources());
        Resource sibling = reserved(scalar("cpus", 2), "a", "a/c");
        assertEquals(of(sibling), applied(refined, reserve(List.of(fine), List.of(sibling))).resources());
        assertEquals(Reservations.ancestor(of(fine), of(sibling)), of(coarse));
    }

    @Test
    public void reservesUnreservedSourceToo() {
        Resources agent = Resources.parse("cpus:2");
        Resource target = reserved(scalar("cpus", 1), "role_b");
        assertEquals(of(scalar("cpus", 1), target),
                applied(agent, reserve(List.of(scalar("cpus", 1)), List.of(target))).resources());
    }

    @Test
    public void rejectsMixedReservations() {
        Resources agent = of(reserved(scalar("cpus", 1), "a"), reserved(scalar("mem", 64), "b"));
        invalid("Invalid source: Mixed reservations are not supported: cpus(a):1;mem(b):64", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a"), reserved(scalar("mem", 64), "b")),
                        List.of(reserved(scalar("cpus", 1), "c"), reserved(scalar("mem", 64), "c"))));
        invalid("Invalid resources: Mixed reservations are not supported: cpus(c):1;mem(d):64", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a"), reserved(scalar("mem", 64), "a")),
                        List.of(reserved(scalar("cpus", 1), "c"), reserved(scalar("mem", 64), "d"))));
        Resource otherPrincipal = scalar("mem", 64).toBuilder()
                .addReservations(dynamic("c").toBuilder().setPrincipal("someone-else")).build();
        invalid("Invalid resources: Mixed reservations are not supported: cpus(c):1;mem(c):64", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a"), reserved(scalar("mem", 64), "a")),
                        List.of(reserved(scalar("cpus", 1), "c"), otherPrincipal)));
    }

    @Test
    public void rejectsDifferingQuantities() {
        Resources agent = of(reserved(scalar("cpus", 2), "a"));
        invalid("Source and target resources should refer to identical resource quantities: cpus:1 vs. cpus:2", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a")), List.of(reserved(scalar("cpus", 2), "b"))));
        invalid("Source and target resources should refer to identical resource quantities: cpus:1 vs. mem:1", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a")), List.of(reserved(scalar("mem", 1), "b"))));
        Resource volume = volume("v1", "data", 64, "eng");
        invalid("Source and target resources should refer to identical resource quantities:"
                + " disk[v1:data]:64 vs. disk[v2:data]:64", of(volume),
                reserve(List.of(volume), List.of(volume("v2", "data", 64, "ops"))));
        invalid("Source and target resources should refer to identical resource quantities:"
                + " disk[v1:data]:64 vs. disk:64", of(volume),
                reserve(List.of(volume), List.of(reserved(scalar("disk", 64), "ops"))));
    }

    @Test
    public void rejectsEmptyOperands() {
        Resources agent = of(reserved(scalar("cpus", 2), "a"));
        invalid("Invalid resources: Resource cannot be empty", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a")), List.of()));
        invalid("Invalid source: Resource cannot be empty", agent,
                reserve(List.of(reserved(scalar("cpus", 0), "a")), List.of(reserved(scalar("cpus", 1), "b"))));
    }

    @Test
    public void rejectsTargetsThatAreNotDynamicallyReserved() {
        Resources agent = of(reserved(scalar("cpus", 2), "a"));
        invalid("Resource cpus:1 is not dynamically reserved", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a")), List.of(scalar("cpus", 1))));
        invalid("Resource cpus(b):1 is not dynamically reserved", agent,
                reserve(List.of(reserved(scalar("cpus", 1), "a")),
                        List.of(withReservations(scalar("cpus", 1), statically("b")))));
    }

    @Test
    public void rejectsRemovingAStaticReservation() {
        Resources agent = Resources.parse("cpus(ops):2");
        Resource source = withReservations(scalar("cpus", 1), statically("ops"));
        invalid("Invalid source: STATIC reservations cannot be removed: cpus(ops):1", agent,
                reserve(List.of(source), List.of(reserved(scalar("cpus", 1), "dev"))));
        Resource refined = withReservations(scalar("cpus", 1), statically("ops"), dynamic("ops/web"));
        assertEquals("refining on top of it is fine", of(scalar("cpus", 1).toBuilder()
                .addReservations(statically("ops")).build(), refined),
                applied(agent, reserve(List.of(source), List.of(refined))).resources());
    }

    @Test
    public void sourceNotOnTheAgentIsNotAvailable() {
        Resources agent = of(reserved(scalar("cpus", 1), "role_a"), scalar("cpus", 3));
        OperationResult more = Operations.apply(agent, reserve(List.of(reserved(scalar("cpus", 2), "role_a")),
                List.of(reserved(scalar("cpus", 2), "role_b"))));
        refused(OperationResult.Status.NOT_AVAILABLE, "cpus(role_a):1;cpus:3 does not contain cpus(role_a):2", more);
        OperationResult elsewhere = Operations.apply(agent, reserve(List.of(reserved(scalar("cpus", 1), "role_c")),
                List.of(reserved(scalar("cpus", 1), "role_b"))));
        assertEquals(OperationResult.Status.NOT_AVAILABLE, elsewhere.status());
        Resource volume = volume("v1", "data", 64, "eng");
        Resource smaller = volume("v1", "data", 32, "eng");
        OperationResult part = Operations.apply(of(volume),
                reserve(List.of(smaller), List.of(volume("v1", "data", 32, "ops"))));
        assertEquals("a volume moves whole or not at all", OperationResult.Status.NOT_AVAILABLE, part.status());
        assertTrue(part.message().endsWith(" does not contain disk(eng)[v1:data]:32"));
    }
}
