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
        List<Resource> resources = ResourceText.parse("cpus:4;mem(ops):1024.5;ports:[31000-31005,32000];zones:{a,b}");
        assertEquals(4, resources.size());
        assertEquals(4.0, resources.get(0).getScalar().getValue(), 0);
        assertEquals(0, resources.get(0).getReservationsCount());
        Resource mem = resources.get(1);
        assertEquals(1024.5, mem.getScalar().getValue(), 0);
        assertEquals("ops", mem.getReservations(0).getRole());
        assertEquals(Resource.ReservationInfo.Type.STATIC, mem.getReservations(0).getType());
        Value.Ranges ports = resources.get(2).getRanges();
        assertEquals(31000, ports.getRange(0).getBegin());
        assertEquals(31005, ports.getRange(0).getEnd());
        assertEquals(32000, ports.getRange(1).getEnd());
        assertEquals(List.of("a", "b"), resources.get(3).getSet().getItemList());
        assertEquals("cpus:4;mem(ops):1024.5;ports:[31000-31005,32000-32000];zones:{a,b}",
                ResourceText.format(resources));
    }

    @Test
    public void rejectsMalformedEntriesWithTheEntryNamed() {
        for (String bad : new String[] {"cpus", "cpus:x", "cpus:-1", "ports:[5-1]", "mem(ops:1", ":3"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class,
                    () -> ResourceText.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("Bad resource"));
        }
    }
}
