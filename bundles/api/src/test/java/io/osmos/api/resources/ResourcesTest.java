package io.osmos.api.resources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

import org.junit.Test;

public class ResourcesTest {

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static Resource reserved(Resource resource, String... roles) {
        Resource.Builder builder = resource.toBuilder();
        for (String role : roles) {
            builder.addReservations(Resource.ReservationInfo.newBuilder()
                    .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role));
        }
        return builder.build();
    }

    private static Resource set(String name, String... items) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SET)
                .setSet(Value.Set.newBuilder().addAllItem(List.of(items))).build();
    }

    private static Resource ranges(String name, long... bounds) {
        Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            ranges.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
        }
        return Resource.newBuilder().setName(name).setType(Value.Type.RANGES).setRanges(ranges).build();
    }

    @Test
    public void scalarsAreFixedPointWithThreeDecimals() {
        Resources sum = Resources.parse("cpus:0.1").plus(Resources.parse("cpus:0.2"));
        assertEquals(0.3, sum.scalar("cpus"), 0);
        assertEquals(Resources.parse("cpus:0.3"), sum);
        Resources tenths = Resources.EMPTY;
        for (int i = 0; i < 10; i++) {
            tenths = tenths.plus(scalar("cpus", 0.1));
        }
        assertEquals(Resources.parse("cpus:1"), tenths);
        assertEquals(0.123, Resources.of(scalar("mem", 0.1234)).scalar("mem"), 0);
        assertTrue("below a thousandth is nothing", Resources.of(scalar("cpus", 0.0004)).isEmpty());
        assertEquals(0.7, Resources.parse("cpus:1").minus(Resources.parse("cpus:0.3")).scalar("cpus"), 0);
    }

    @Test
    public void resourcesDifferingOnlyInValueMerge() {
        Resources merged = Resources.parse("cpus:1;mem:64;cpus:2;ports:[1-2];ports:[5-6];zones:{a};zones:{b}");
        assertEquals(4, merged.toList().size());
        assertEquals(Resources.parse("cpus:3;mem:64;ports:[1-2,5-6];zones:{a,b}"), merged);
        assertEquals(3, Resources.of(scalar("cpus", 1), scalar("cpus", 2)).toList().get(0).getScalar().getValue(), 0);
    }

    @Test
    public void reservationsAllocationAndOtherDetailsKeepResourcesApart() {
        assertEquals(2, Resources.parse("cpus:1;cpus(ops):1").toList().size());
        assertEquals(2, Resources.parse("cpus(a):1;cpus(b):1").toList().size());
        Resources allocated = Resources.parse("cpus:1").allocatedTo("a").plus(Resources.parse("cpus:1").allocatedTo("b"));
        assertEquals(2, allocated.toList().size());
        Resource volume = scalar("disk", 10).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("v1"))).build();
        assertEquals(2, Resources.of(volume, scalar("disk", 10)).toList().size());
        Resource revocable = scalar("cpus", 1).toBuilder().setRevocable(Resource.RevocableInfo.getDefaultInstance())
                .build();
        assertEquals(2, Resources.of(revocable, scalar("cpus", 1)).toList().size());
        assertEquals(2, Resources.of(scalar("disk", 1), set("disk", "x")).toList().size());
    }

    @Test
    public void equalityIgnoresOrder() {
        Resources one = Resources.of(scalar("cpus", 1), set("zones", "b", "a"), ranges("ports", 5, 6, 1, 2));
        Resources other = Resources.of(ranges("ports", 1, 2, 5, 6), set("zones", "a", "b"), scalar("cpus", 1));
        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertNotEquals(one, Resources.parse("cpus:1"));
        assertNotEquals(Resources.parse("cpus:1"), Resources.parse("cpus(a):1"));
        assertEquals("normal form: sets sorted", List.of("a", "b"), one.toList().get(1).getSet().getItemList());
    }

    @Test
    public void emptyAndZeroEntriesAreDropped() {
        assertTrue(Resources.parse("cpus:0;ports:[];zones:{}").isEmpty());
        assertSame(Resources.EMPTY, Resources.of(scalar("cpus", 0)));
        assertEquals(Resources.EMPTY, Resources.of(List.of()));
        assertTrue(Resources.of(scalar("cpus", -1)).isEmpty());
        assertEquals("", Resources.EMPTY.toString());
        assertTrue(Resources.parse("cpus:1").minus(Resources.parse("cpus:1")).isEmpty());
    }

    @Test
    public void rangesUniteCoalesceSubtractAndContain() {
        Resources ports = Resources.parse("ports:[31000-31005]").plus(Resources.parse("ports:[31006-31010,32000]"));
        assertEquals("ports:[31000-31010,32000-32000]", ports.toString());
        assertEquals(Resources.parse("ports:[1-10]"), Resources.parse("ports:[5-10,1-6,3-3]"));
        Resources taken = Resources.parse("ports:[31003-31004]");
        assertTrue(ports.contains(taken));
        assertEquals("ports:[31000-31002,31005-31010,32000-32000]", ports.minus(taken).toString());
        assertEquals("ports:[31000-31010]", ports.minus(Resources.parse("ports:[31999-32001]")).toString());
        assertFalse(ports.contains(Resources.parse("ports:[30999-31001]")));
        assertFalse(ports.contains(Resources.parse("ports:[31010-31011]")));
        assertTrue(ports.contains(Resources.parse("ports:[31000-31010,32000]")));
    }

    @Test
    public void setsUniteSubtractAndContain() {
        Resources zones = Resources.parse("zones:{a,b}");
        assertTrue(zones.contains(Resources.parse("zones:{b}")));
        assertFalse(zones.contains(Resources.parse("zones:{b,c}")));
        assertEquals(Resources.parse("zones:{a}"), zones.minus(Resources.parse("zones:{b,c}")));
        assertEquals(Resources.parse("zones:{a,b,c}"), zones.plus(Resources.parse("zones:{c,a}")));
    }

    @Test
    public void subtractionTakesOnlyWhatIsThereAndNeverGoesNegative() {
        Resources agent = Resources.parse("cpus:2;mem:1024");
        assertEquals(Resources.parse("mem:1024"), agent.minus(Resources.parse("cpus:3")));
        assertEquals(agent, agent.minus(Resources.parse("gpus:1;cpus(ops):1")));
        assertEquals(Resources.parse("cpus:1.5;mem:1024"), agent.minus(Resources.parse("cpus:0.5")));
        assertEquals("the original stays as it was", Resources.parse("cpus:2;mem:1024"), agent);
    }

    @Test
    public void containmentComparesLikeWithLike() {
        Resources agent = Resources.parse("cpus:2;mem:1024;cpus(ops):1");
        assertTrue(agent.contains(Resources.parse("cpus:2;mem:512")));
        assertTrue(agent.contains(Resources.EMPTY));
        assertTrue(agent.contains(agent));
        assertFalse(agent.contains(Resources.parse("cpus:2.001")));
        assertFalse(agent.contains(Resources.parse("gpus:1")));
        assertFalse("unreserved cpus do not cover reserved ones", agent.contains(Resources.parse("cpus(dev):1")));
        assertFalse(agent.contains(Resources.parse("cpus:1").allocatedTo("a")));
    }

    @Test
    public void scalarTotalsSumAcrossReservationsAndAllocations() {
        Resources mixed = Resources.parse("cpus:1;cpus(a):2;mem:10;ports:[1-100]")
                .plus(Resources.parse("cpus:0.5").allocatedTo("x"));
        assertEquals(3.5, mixed.scalar("cpus"), 0);
        assertEquals(0, mixed.scalar("gpus"), 0);
        assertEquals(0, mixed.scalar("ports"), 0);
        assertEquals(Map.of("cpus", 3.5, "mem", 10.0), mixed.scalars());
        assertEquals(List.of("cpus", "mem"), new ArrayList<>(mixed.scalars().keySet()));
    }

    @Test
    public void reservationsDecideWhoMayUseWhat() {
        Resource refined = reserved(scalar("cpus", 8), "eng", "eng/web");
        Resources total = Resources.parse("cpus:4;cpus(eng):2;mem(ops):64").plus(refined);
        assertEquals(4, total.unreserved().scalar("cpus"), 0);
        assertEquals(10, total.reserved().scalar("cpus"), 0);
        assertEquals(2, total.reservedTo("eng").scalar("cpus"), 0);
        assertEquals("the last reservation counts", 8, total.reservedTo("eng/web").scalar("cpus"), 0);
        assertEquals("unreserved + eng + eng/web", 14, total.allocatableTo("eng/web").scalar("cpus"), 0);
        assertEquals(14, total.allocatableTo("eng/web/a").scalar("cpus"), 0);
        assertEquals("not a child's reservation", 6, total.allocatableTo("eng").scalar("cpus"), 0);
        assertEquals(4, total.allocatableTo("*").scalar("cpus"), 0);
        assertEquals(4, total.allocatableTo("engineering").scalar("cpus"), 0);
        assertEquals(0, total.allocatableTo("dev").scalar("mem"), 0);
        assertEquals(64, total.allocatableTo("ops").scalar("mem"), 0);
        assertEquals("eng/web", Resources.reservationRole(refined));
        assertEquals("*", Resources.reservationRole(scalar("cpus", 1)));
    }

    @Test
    public void allocationInfoIsSetOnEveryResourceAndCanBeCleared() {
        Resources offered = Resources.parse("cpus:1;ports:[1-2];cpus(r):1").allocatedTo("r");
        assertTrue(offered.toList().stream().allMatch(r -> r.getAllocationInfo().getRole().equals("r")));
        assertFalse(offered.contains(Resources.parse("cpus:1")));
        assertEquals(Resources.parse("cpus:1;ports:[1-2];cpus(r):1"), offered.withoutAllocationInfo());
        assertEquals("re-allocating replaces the role", offered.allocatedTo("s"), Resources.parse("cpus:1;ports:[1-2];"
                + "cpus(r):1").allocatedTo("s"));
        assertEquals("merging after clearing", Resources.parse("cpus:2"),
                Resources.parse("cpus:1").allocatedTo("a").plus(Resources.parse("cpus:1").allocatedTo("b"))
                        .withoutAllocationInfo());
    }

    @Test
    public void filterAndNamesKeepOnlyWhatIsAsked() {
        Resources all = Resources.parse("cpus:1;mem:2;disk:3;ports:[1-2]");
        assertEquals(Resources.parse("cpus:1;disk:3"), all.names(Set.of("cpus", "disk", "gpus")));
        assertEquals(Resources.parse("ports:[1-2]"), all.filter(r -> r.getType() == Value.Type.RANGES));
        assertSame(all, all.filter(r -> true));
        assertTrue(all.filter(r -> false).isEmpty());
    }

    @Test
    public void isImmutable() {
        Resources resources = Resources.parse("cpus:1");
        assertThrows(UnsupportedOperationException.class, () -> resources.toList().add(scalar("mem", 1)));
        assertThrows(UnsupportedOperationException.class, () -> resources.scalars().put("mem", 1.0));
        Resources more = resources.plus(scalar("cpus", 1));
        assertEquals(1, resources.scalar("cpus"), 0);
        assertEquals(2, more.scalar("cpus"), 0);
        assertSame(resources, Resources.of(resources));
        List<String> names = new ArrayList<>();
        for (Resource resource : Resources.parse("cpus:1;mem:2")) {
            names.add(resource.getName());
        }
        assertEquals(List.of("cpus", "mem"), names);
    }

    @Test
    public void printsWhatParseReads() {
        Resources resources = Resources.parse("cpus:4.5;mem(ops):1024;ports:[31000-32000,33000-33010];zones:{b,a}")
                .plus(reserved(scalar("gpus", 1), "eng", "eng/ml"));
        assertEquals("cpus:4.5;mem(ops):1024;ports:[31000-32000,33000-33010];zones:{a,b};gpus(eng/ml):1",
                resources.toString());
        assertEquals(resources.withoutAllocationInfo().filter(r -> r.getReservationsCount() < 2),
                Resources.parse(resources.toString()).filter(r -> !r.getName().equals("gpus")));
    }
}
