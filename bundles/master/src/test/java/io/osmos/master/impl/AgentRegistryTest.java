package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;

import org.junit.Test;

public class AgentRegistryTest {

    private final AgentRegistry registry = new AgentRegistry("m1");

    private static AgentInfo info(String id) {
        AgentInfo.Builder info = AgentInfo.newBuilder().setHostname("h").setPort(5051);
        if (id != null) {
            info.setId(AgentID.newBuilder().setValue(id));
        }
        return info.build();
    }

    @Test
    public void newAgentsGetMesosStyleIdsInOrder() {
        assertEquals("m1-S0", registry.subscribe(info(null), List.of(), "1.10.0", "h:5051", "s1", 1).id());
        assertEquals("m1-S1", registry.subscribe(info(null), List.of(), "1.10.0", "h:5052", "s2", 2).id());
        assertEquals(2, registry.all().size());
    }

    @Test
    public void aReturningAgentKeepsItsIdAndRegistrationTime() {
        String id = registry.subscribe(info(null), List.of(), "1.10.0", "h:5051", "s1", 10).id();
        registry.streamClosed(id, "s1");
        assertFalse(registry.get(id).orElseThrow().active());

        AgentRecord back = registry.subscribe(info(id), List.of(), "1.10.0", "h:5051", "s2", 20);
        assertEquals(id, back.id());
        assertTrue(back.active());
        assertEquals(10, back.registeredNanos());
        assertEquals(20, back.reregisteredNanos());
        assertEquals(1, registry.all().size());
    }

    @Test
    public void aStaleStreamClosingDoesNotDisconnectTheAgent() {
        String id = registry.subscribe(info(null), List.of(), "1.10.0", "h:5051", "old", 1).id();
        registry.subscribe(info(id), List.of(), "1.10.0", "h:5051", "new", 2);
        registry.streamClosed(id, "old");
        assertTrue(registry.get(id).orElseThrow().active());
    }

    @Test
    public void anAgentUnknownAfterAMasterRestartIsTakenBackUnderItsId() {
        AgentRecord record = registry.subscribe(info("other-master-S7"), List.of(), "1.10.0", "h:5051", "s", 5);
        assertEquals("other-master-S7", record.id());
        assertTrue(record.active());
    }

    @Test
    public void theMasterPacksItsIpv4AddressAsMesosDoes() {
        assertEquals(0x0100007f, Master.ipv4AsNetworkOrder("127.0.0.1"));
    }
}
