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
import static io.osmos.api.resources.OperationFixtures.unreserve;
import static io.osmos.api.resources.OperationFixtures.volume;
import static io.osmos.api.resources.OperationFixtures.withReservations;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;
import io.osmos.proto.v1.Value;

import org.junit.Test;

/** RESERVE without {@code source} (push one reservation) and UNRESERVE (pop one). */
public class ReserveUnreserveTest {

    private static final Resources AGENT = Resources.parse("cpus:4;mem:1024;ports:[31000-32000]");

    @Test
    public void reservePushesOneDynamicReservationOnUnreservedResources() {
        Resource cpus = reserved(scalar("cpus", 1), "ops");
        OperationResult result = applied(AGENT, reserve(cpus));
        assertEquals(Resources.parse("cpus:1"), result.consumed());
        assertEquals(of(cpus), result.converted());
        assertEquals(Resources.parse("cpus:3;mem:1024;ports:[31000-32000]").plus(cpus), result.resources());
        assertEquals("the reservation is kept as given, principal and all",
                List.of(dynamic("ops")), result.resources().reservedTo("ops").toList().get(0).getReservationsList());
    }

    @Test
    public void reserveThenUnreserveGivesBackTheOriginal() {
        Resources ports = Resources.parse("ports:[31000-31009]").pushReservation(dynamic("ops"));
        Resources reservedMem = Resources.parse("mem:512").pushReservation(dynamic("ops"));
        Resource cpus = reserved(scalar("cpus", 1.5), "ops");
        OperationResult reservedAll = applied(AGENT,
                reserve(cpus, reservedMem.toList().get(0), ports.toList().get(0)));
        assertEquals(Resources.parse("cpus:2.5;mem:512;ports:[31010-32000]"), reservedAll.resources().unreserved());
        OperationResult unreserved = applied(reservedAll.resources(),
                unreserve(cpus, reservedMem.toList().get(0), ports.toList().get(0)));
        assertEquals(reservedAll.converted(), unreserved.consumed());
        assertEquals(reservedAll.consumed(), unreserved.converted());
        assertEquals(AGENT, unreserved.resources());
    }

    @Test
    public void reserveNeedsTheUnreservedResourcesItConsumes() {
        OperationResult result = Operations.apply(AGENT, reserve(reserved(scalar("cpus", 5), "ops")));
        refused(OperationResult.Status.NOT_AVAILABLE,
                "cpus:4;mem:1024;ports:[31000-32000] does not contain cpus:5", result);
        assertThrows(IllegalStateException.class, result::resources);
        assertThrows(IllegalStateException.class, result::consumed);
        Resources reservedToOps = Resources.parse("cpus:4").pushReservation(dynamic("ops"));
        refused(OperationResult.Status.NOT_AVAILABLE, "cpus(ops):4 does not contain cpus:1",
                Operations.apply(reservedToOps, reserve(reserved(scalar("cpus", 1), "dev"))));
    }

    @Test
    public void reserveRefusesNothingToReserve() {
        invalid("Invalid resources: Resource cannot be empty", AGENT, reserve());
        invalid("Invalid resources: Resource cannot be empty", AGENT, reserve(reserved(scalar("cpus", 0), "ops")));
        invalid("Expecting 'reserve' to be present", AGENT,
                Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE).build());
    }

    @Test
    public void reserveTakesOnlyDynamicReservationsForValidRoles() {
        invalid("Resource cpus:1 is not dynamically reserved", AGENT, reserve(scalar("cpus", 1)));
        invalid("Resource cpus(ops):1 is not dynamically reserved", AGENT,
                reserve(withReservations(scalar("cpus", 1), statically("ops"))));
        invalid("Invalid resources: Resource 'cpus(*):1' is invalid: Invalid reservation: role \"*\" cannot be"
                + " reserved", AGENT, reserve(reserved(scalar("cpus", 1), "*")));
        invalid("Invalid resources: Resource 'cpus(a//b):1' is invalid: Role 'a//b' must not contain an empty path"
                + " component ('//')", AGENT, reserve(reserved(scalar("cpus", 1), "a//b")));
        invalid("Invalid resources: Resource 'cpus():1' is invalid: Invalid reservation:"
                + " 'Resource.ReservationInfo.role' field must be set.", AGENT,
                reserve(withReservations(scalar("cpus", 1),
                        ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).build())));
    }

    @Test
    public void reserveChecksTheResourceItself() {
        invalid("Invalid resources: Resource 'cpus(ops):-1' is invalid: Invalid scalar resource: value <= 0", AGENT,
                reserve(reserved(scalar("cpus", -1), "ops")));
        Resource overlapping = reserved(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                .setRanges(Value.Ranges.newBuilder()
                        .addRange(Value.Range.newBuilder().setBegin(31000).setEnd(31010))
                        .addRange(Value.Range.newBuilder().setBegin(31005).setEnd(31020))).build(), "ops");
        invalid("Invalid resources: Resource 'ports(ops):[31000-31010,31005-31020]' is invalid: Invalid ranges"
                + " resource: overlapping ranges", AGENT, reserve(overlapping));
        Resource revocable = reserved(scalar("cpus", 1), "ops").toBuilder()
                .setRevocable(Resource.RevocableInfo.getDefaultInstance()).build();
        invalid("Invalid resources: Invalid ReservationInfo: Dynamically reserved resource cpus(ops):1 cannot be"
                + " created from revocable resources", AGENT, reserve(revocable));
        Resource diskInfoOnCpus = reserved(scalar("cpus", 1), "ops").toBuilder()
                .setDisk(Resource.DiskInfo.getDefaultInstance()).build();
        invalid("Invalid resources: Resource 'cpus(ops):1' is invalid: DiskInfo should not be set for cpus resource",
                AGENT, reserve(diskInfoOnCpus));
    }

    @Test
    public void reserveRefinesAReservationForADescendantRole() {
        Resources agent = Resources.parse("cpus:2").pushReservation(dynamic("a"));
        Resource refined = reserved(scalar("cpus", 1), "a", "a/b");
        OperationResult result = applied(agent, reserve(refined));
        assertEquals(of(reserved(scalar("cpus", 1), "a")), result.consumed());
        assertEquals(of(reserved(scalar("cpus", 1), "a"), refined), result.resources());
        assertEquals(agent, applied(result.resources(), unreserve(refined)).resources());
    }

    @Test
    public void reserveRefusesARefinementForAnotherRole() {
        Resources agent = Resources.parse("cpus:2").pushReservation(dynamic("a"));
        invalid("Invalid resources: Resource 'cpus(b):1' is invalid: Invalid refined reservation: role 'b' is not"
                + " a refinement of 'a'", agent, reserve(reserved(scalar("cpus", 1), "a", "b")));
        invalid("Invalid resources: Resource 'cpus(a):1' is invalid: Invalid refined reservation: role 'a' is not"
                + " a refinement of 'a'", agent, reserve(reserved(scalar("cpus", 1), "a", "a")));
        refused(OperationResult.Status.NOT_AVAILABLE, "cpus(a):2 does not contain cpus:1",
                Operations.apply(agent, reserve(reserved(scalar("cpus", 1), "b"))));
    }

    @Test
    public void reserveRefinesAStaticReservation() {
        Resources agent = Resources.parse("cpus(ops):2");
        Resource refined = withReservations(scalar("cpus", 1), statically("ops"), dynamic("ops/web"));
        OperationResult result = applied(agent, reserve(refined));
        assertEquals(Resources.parse("cpus(ops):1"), result.consumed());
        invalid("Invalid resources: Resource 'cpus(ops/web):1' is invalid: Invalid refined reservation: A refined"
                + " reservation cannot be STATIC", agent,
                reserve(withReservations(scalar("cpus", 1), statically("ops"), statically("ops/web"))));
    }

    @Test
    public void reserveAcceptsTheDeprecatedRoleAndReservationFields() {
        Resource legacy = scalar("cpus", 1).toBuilder().setRole("ops")
                .setReservation(ReservationInfo.newBuilder().setPrincipal(OperationFixtures.PRINCIPAL)).build();
        assertEquals(of(reserved(scalar("cpus", 1), "ops")), applied(AGENT, reserve(legacy)).converted());
        Resource anyone = scalar("cpus", 1).toBuilder().setRole("*")
                .setReservation(ReservationInfo.getDefaultInstance()).build();
        invalid("Invalid resources: Resource 'cpus:1' is invalid: Invalid reservation: role \"*\" cannot be"
                + " dynamically reserved", AGENT, reserve(anyone));
    }

    @Test
    public void unreservePopsTheLastReservation() {
        Resources agent = Resources.parse("cpus:1").plus(reserved(scalar("cpus", 2), "a", "a/b"));
        OperationResult result = applied(agent, unreserve(reserved(scalar("cpus", 2), "a", "a/b")));
        assertEquals(of(reserved(scalar("cpus", 2), "a", "a/b")), result.consumed());
        assertEquals(of(reserved(scalar("cpus", 2), "a")), result.converted());
        assertEquals(of(scalar("cpus", 1), reserved(scalar("cpus", 2), "a")), result.resources());
        Resources onStatic = Resources.parse("cpus(ops):2").plus(
                withReservations(scalar("cpus", 1), statically("ops"), dynamic("ops/web")));
        assertEquals(Resources.parse("cpus(ops):3"), applied(onStatic,
                unreserve(withReservations(scalar("cpus", 1), statically("ops"), dynamic("ops/web")))).resources());
    }

    @Test
    public void unreserveTakesOnlyDynamicReservations() {
        Resources agent = Resources.parse("cpus:1;cpus(ops):1");
        invalid("Resource cpus(ops):1 is not dynamically reserved", agent, unreserve(Resources.parse("cpus(ops):1")
                .toList().get(0)));
        invalid("Resource cpus:1 is not dynamically reserved", agent, unreserve(scalar("cpus", 1)));
        refused(OperationResult.Status.NOT_AVAILABLE, "cpus:1;cpus(ops):1 does not contain cpus(ops):1",
                Operations.apply(agent, unreserve(reserved(scalar("cpus", 1), "ops"))));
    }

    @Test
    public void unreserveRefusesAPersistentVolume() {
        Resource volume = volume("v1", "data", 64, "eng");
        Resources agent = of(volume, reserved(scalar("disk", 36), "eng"));
        invalid("A dynamically reserved persistent volume disk(eng)[v1:data]:64 cannot be unreserved directly."
                + " Please destroy the persistent volume first then unreserve the resource", agent, unreserve(volume));
        refused(OperationResult.Status.NOT_AVAILABLE,
                "disk(eng)[v1:data]:64;disk(eng):36 does not contain disk(eng):100",
                Operations.apply(agent, unreserve(reserved(scalar("disk", 100), "eng"))));
        assertEquals(of(volume, scalar("disk", 36)),
                applied(agent, unreserve(reserved(scalar("disk", 36), "eng"))).resources());
    }

    @Test
    public void unreserveOfNothingChangesNothing() {
        assertEquals(AGENT, applied(AGENT, unreserve()).resources());
    }
}
