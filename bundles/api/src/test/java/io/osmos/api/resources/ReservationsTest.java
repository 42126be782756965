package io.osmos.api.resources;

import static io.osmos.api.resources.OperationFixtures.dynamic;
import static io.osmos.api.resources.OperationFixtures.mountSource;
import static io.osmos.api.resources.OperationFixtures.of;
import static io.osmos.api.resources.OperationFixtures.onSource;
import static io.osmos.api.resources.OperationFixtures.reserved;
import static io.osmos.api.resources.OperationFixtures.scalar;
import static io.osmos.api.resources.OperationFixtures.statically;
import static io.osmos.api.resources.OperationFixtures.volume;
import static io.osmos.api.resources.OperationFixtures.withReservations;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Resource.ReservationInfo;

import org.junit.Test;

public class ReservationsTest {

    private static final Resources BASE = Resources.parse("cpus:2;mem:10");

    @Test
    public void pushAndPopWorkOnTheTopOfTheStack() {
        Resources foo = BASE.pushReservation(dynamic("foo"));
        assertEquals(of(reserved(scalar("cpus", 2), "foo"), reserved(scalar("mem", 10), "foo")), foo);
        Resources bar = foo.pushReservation(dynamic("foo/bar"));
        assertEquals(List.of(dynamic("foo"), dynamic("foo/bar")), bar.toList().get(0).getReservationsList());
        assertEquals("foo/bar", Resources.reservationRole(bar.toList().get(0)));
        assertEquals(foo, bar.popReservation());
        assertEquals(BASE, bar.popReservation().popReservation());
        assertEquals(BASE, bar.toUnreserved());
        assertEquals(BASE, Reservations.toUnreserved(Resources.parse("cpus(ops):2;mem:10")));
    }

    @Test
    public void pushRefusesAnInvalidStack() {
        Resources foo = BASE.pushReservation(dynamic("foo"));
        IllegalArgumentException notBelow = assertThrows(IllegalArgumentException.class,
                () -> foo.pushReservation(dynamic("bar")));
        assertEquals("Invalid refined reservation: role 'bar' is not a refinement of 'foo'", notBelow.getMessage());
        assertThrows("the role itself is no refinement", IllegalArgumentException.class,
                () -> foo.pushReservation(dynamic("foo")));
        IllegalArgumentException refinedStatic = assertThrows(IllegalArgumentException.class,
                () -> foo.pushReservation(statically("foo/bar")));
        assertEquals("Invalid refined reservation: A refined reservation cannot be STATIC", refinedStatic.getMessage());
        IllegalArgumentException any = assertThrows(IllegalArgumentException.class,
                () -> BASE.pushReservation(dynamic("*")));
        assertEquals("Invalid reservation: role \"*\" cannot be reserved", any.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BASE.pushReservation(dynamic("a//b")));
        IllegalArgumentException untyped = assertThrows(IllegalArgumentException.class,
                () -> BASE.pushReservation(ReservationInfo.newBuilder().setRole("a").build()));
        assertEquals("Invalid reservation: 'Resource.ReservationInfo.type' field must be set.", untyped.getMessage());
    }

    @Test
    public void popRefusesUnreservedResources() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.popReservation());
        assertEquals("Resource cpus:2 is not reserved", e.getMessage());
        assertSame(Resources.EMPTY, Resources.EMPTY.popReservation());
    }

    @Test
    public void dynamicReservationIsDecidedByTheLastReservation() {
        Resource cpus = scalar("cpus", 1);
        assertFalse(Reservations.isReserved(cpus));
        assertFalse(Reservations.isDynamicallyReserved(cpus));
        assertTrue(Reservations.isReserved(withReservations(cpus, statically("ops"))));
        assertFalse(Reservations.isDynamicallyReserved(withReservations(cpus, statically("ops"))));
        assertTrue(Reservations.isDynamicallyReserved(reserved(cpus, "ops")));
        assertTrue(Reservations.isDynamicallyReserved(withReservations(cpus, statically("ops"), dynamic("ops/x"))));
        assertFalse(Reservations.hasRefinedReservations(reserved(cpus, "ops")));
        assertTrue(Reservations.hasRefinedReservations(reserved(cpus, "ops", "ops/x")));
    }

    @Test
    public void aPersistentVolumeIsADiskWithAPersistenceId() {
        Resource volume = volume("v1", "data", 64, "eng");
        assertTrue(Reservations.isPersistentVolume(volume));
        assertFalse(Reservations.isPersistentVolume(scalar("disk", 64)));
        Resource mount = onSource(reserved(scalar("disk", 64), "eng"), mountSource("/mnt/a"));
        assertFalse("a MOUNT disk without persistence", Reservations.isPersistentVolume(mount));
        assertEquals(of(volume), of(volume, reserved(scalar("disk", 36), "eng")).persistentVolumes());
    }

    @Test
    public void withoutVolumeGivesTheDiskTheVolumeLivesOn() {
        Resource rootVolume = volume("v1", "data", 64, "eng").toBuilder()
                .setShared(Resource.SharedInfo.getDefaultInstance()).build();
        assertEquals("root disk: no DiskInfo left, not shared", reserved(scalar("disk", 64), "eng"),
                Reservations.withoutVolume(rootVolume));
        Resource mountVolume = onSource(volume("v1", "data", 64, "eng"), mountSource("/mnt/a"));
        assertEquals("MOUNT disk: keeps its source",
                onSource(reserved(scalar("disk", 64), "eng"), mountSource("/mnt/a")),
                Reservations.withoutVolume(mountVolume));
    }

    @Test
    public void ancestorIsTheCommonBottomOfBothStacks() {
        assertEquals(BASE, Reservations.ancestor(BASE, BASE));
        Resources foo = BASE.pushReservation(dynamic("foo"));
        assertEquals(foo, Reservations.ancestor(foo, foo));
        assertEquals(BASE, Reservations.ancestor(foo, BASE));
        assertEquals(BASE, Reservations.ancestor(BASE, foo));
        Resources fooBar = foo.pushReservation(dynamic("foo/bar"));
        Resources fooBaz = foo.pushReservation(dynamic("foo/baz"));
        assertEquals(fooBar, Reservations.ancestor(fooBar, fooBar));
        assertEquals(foo, Reservations.ancestor(fooBar, foo));
        assertEquals(foo, Reservations.ancestor(fooBar, fooBaz));
        assertEquals(BASE, Reservations.ancestor(fooBar, BASE.pushReservation(dynamic("bar"))));
        ReservationInfo otherPrincipal = dynamic("foo").toBuilder().setPrincipal("other").build();
        assertEquals("reservations compare whole, principal included",
                BASE, Reservations.ancestor(fooBar, BASE.pushReservation(otherPrincipal)));
        assertThrows(IllegalArgumentException.class, () -> Reservations.ancestor(foo, Resources.parse("cpus:2")));
        assertThrows(IllegalArgumentException.class, () -> Reservations.ancestor(Resources.EMPTY, foo));
    }

    @Test
    public void upgradeMovesTheDeprecatedRoleIntoTheStack() {
        Resource cpus = scalar("cpus", 1);
        assertSame(cpus, Reservations.upgrade(cpus));
        assertEquals(cpus, Reservations.upgrade(cpus.toBuilder().setRole("*").build()));
        assertEquals(withReservations(cpus, statically("ops")),
                Reservations.upgrade(cpus.toBuilder().setRole("ops").build()));
        Resource legacyDynamic = cpus.toBuilder().setRole("ops")
                .setReservation(ReservationInfo.newBuilder().setPrincipal(OperationFixtures.PRINCIPAL)).build();
        assertEquals(reserved(cpus, "ops"), Reservations.upgrade(legacyDynamic));
        Resource both = reserved(cpus, "ops").toBuilder().setRole("ops")
                .setReservation(ReservationInfo.newBuilder().setPrincipal(OperationFixtures.PRINCIPAL)).build();
        assertEquals("the endpoint format: both, the stack wins", reserved(cpus, "ops"), Reservations.upgrade(both));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reservations.upgrade(
                cpus.toBuilder().setRole("*").setReservation(ReservationInfo.getDefaultInstance()).build()));
        assertEquals("Invalid reservation: role \"*\" cannot be dynamically reserved", e.getMessage());
    }
}
