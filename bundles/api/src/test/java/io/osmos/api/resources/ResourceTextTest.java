package io.osmos.api.resources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.Value;

import org.junit.Test;

public class ResourceTextTest {

    @Test
    public void parsesScalarsRangesSetsAndStaticReservations() {
        List<Resource> resources = Resources.parse("cpus:4;mem(ops):1024.5;ports:[31000-31005,32000];zones:{a,b}")
                .toList();
        assertEquals(4, resources.size());
        Resource cpus = resources.get(0);
        assertEquals("cpus", cpus.getName());
        assertEquals(Value.Type.SCALAR, cpus.getType());
        assertEquals(4.0, cpus.getScalar().getValue(), 0);
        assertEquals(0, cpus.getReservationsCount());
        Resource mem = resources.get(1);
        assertEquals(1024.5, mem.getScalar().getValue(), 0);
        assertEquals(1, mem.getReservationsCount());
        assertEquals("ops", mem.getReservations(0).getRole());
        assertEquals(Resource.ReservationInfo.Type.STATIC, mem.getReservations(0).getType());
        Resource ports = resources.get(2);
        assertEquals(Value.Type.RANGES, ports.getType());
        assertEquals(Value.Ranges.newBuilder()
                .addRange(Value.Range.newBuilder().setBegin(31000).setEnd(31005))
                .addRange(Value.Range.newBuilder().setBegin(32000).setEnd(32000)).build(), ports.getRanges());
        assertEquals(Value.Type.SET, resources.get(3).getType());
        assertEquals(List.of("a", "b"), resources.get(3).getSet().getItemList());
    }

    @Test
    public void starOrNoRoleIsUnreserved() {
        assertEquals(Resources.parse("cpus:1;mem:2"), Resources.parse("cpus(*):1;mem( * ):2"));
        assertTrue(Resources.parse("cpus(*):1").toList().get(0).getReservationsList().isEmpty());
        assertEquals("a/b", Resources.parse("cpus(a/b):1").toList().get(0).getReservations(0).getRole());
    }

    @Test
    public void toleratesBlanksAndEmptyEntries() {
        assertEquals(Resources.parse("cpus:4;mem(ops):1;ports:[1-2,4-5];zones:{a,b}"),
                Resources.parse(" cpus : 4 ;; mem(ops) : 1 ; ports:[ 1-2 , 4 - 5 ]; zones:{ a , b };"));
        assertTrue(Resources.parse("").isEmpty());
        assertTrue(Resources.parse("  ").isEmpty());
        assertTrue(Resources.parse(null).isEmpty());
        assertEquals(1000, Resources.parse("mem:1e3").scalar("mem"), 0);
        assertEquals(0.5, Resources.parse("cpus:.5").scalar("cpus"), 0);
    }

    @Test
    public void writesScalarsPlainlyWithAtMostThreeDecimals() {
        assertEquals("cpus:4", Resources.parse("cpus:4.000").toString());
        assertEquals("cpus:0.3", Resources.parse("cpus:0.1").plus(Resources.parse("cpus:0.2")).toString());
        assertEquals("mem:12345678.25", Resources.parse("mem:12345678.25").toString());
        assertEquals("mem:123456789012", Resources.parse("mem:123456789012").toString());
        assertEquals("cpus:0.001", Resources.parse("cpus:0.001").toString());
        assertEquals("disk(a):1.5;ports(a):[1-1]", Resources.parse("disk(a):1.5;ports(a):[1]").toString());
    }

    @Test
    public void rejectsMalformedEntriesNamingTheEntry() {
        String[][] cases = {
            {"cpus", "cpus"},
            {"cpus:x", "cpus:x"},
            {"cpus:-1", "cpus:-1"},
            {"cpus:4d", "cpus:4d"},
            {"cpus:NaN", "cpus:NaN"},
            {"cpus:", "cpus:"},
            {"cpus:1; ports:[5-1]", "ports:[5-1]"},
            {"ports:[1-2-3]", "ports:[1-2-3]"},
            {"ports:[a-b]", "ports:[a-b]"},
            {"ports:[-1-5]", "ports:[-1-5]"},
            {"ports:[1-5", "ports:[1-5"},
            {"zones:{a,b", "zones:{a,b"},
            {"mem(ops:1", "mem(ops:1"},
            {"mem)ops(:1", "mem)ops(:1"},
            {"mem(ops)x:1", "mem(ops)x:1"},
            {":3", ":3"},
            {"(ops):3", "(ops):3"},
            {"my cpus:3", "my cpus:3"},
            {"cpus(a b):1", "cpus(a b):1"},
            {"cpus(/a):1", "cpus(/a):1"},
            {"cpus(a//b):1", "cpus(a//b):1"},
            {"cpus(..):1", "cpus(..):1"},
            {"cpus(-a):1", "cpus(-a):1"},
            {"cpus():1", "cpus():1"},
        };
        for (String[] bad : cases) {
            IllegalArgumentException e = assertThrows(bad[0], IllegalArgumentException.class,
                    () -> Resources.parse(bad[0]));
            assertTrue(bad[0] + " -> " + e.getMessage(), e.getMessage().startsWith("Bad resource '" + bad[1] + "': "));
        }
    }
}
