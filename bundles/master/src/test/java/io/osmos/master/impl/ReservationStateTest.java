package io.osmos.master.impl;

import static io.osmos.master.impl.ReservationCluster.reserved;
import static io.osmos.master.impl.ReservationCluster.volume;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.http.codec.DirectSerializer;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.master.Response;

import org.junit.Test;

/** Reservations and volumes in GET_AGENTS, GET_OPERATIONS and v0 /state as Mesos shows them. */
public class ReservationStateTest {

    private static final Resource VOLUME = volume("eng", "data", 64);

    @Test
    public void theAgentsTotalHoldsItsReservationsAndVolumes() throws Exception {
        try (ReservationCluster cluster = new ReservationCluster(
                Resources.parse("cpus:3;mem:1024;disk:960;cpus(ops):1").plus(VOLUME))) {
            cluster.operator(ReservationCluster.reserve(cluster.agentId, List.of(), List.of(reserved("mem", 24, "eng"))));
            Response agents = Response.parseFrom(cluster.master.reads()
                    .read("agents", view -> DirectSerializer.protobuf(view.agents())).get());
            List<Resource> total = agents.getGetAgents().getAgents(0).getTotalResourcesList();
            assertEquals(Resources.parse("cpus:3;mem:1000;disk:960;cpus(ops):1").plus(VOLUME)
                    .plus(reserved("mem", 24, "eng")),
                    Resources.of(total.stream().map(io.osmos.api.resources.Reservations::upgrade).toList()));
            // Mesos' endpoint format in v1 too: role (and reservation) next to the reservations stack.
            assertTrue(total.toString(), total.stream().anyMatch(r -> r.getName().equals("cpus")
                    && r.getReservationsCount() == 0 && r.hasRole() && r.getRole().equals("*")));
            assertTrue(total.toString(), total.stream().anyMatch(r -> r.getName().equals("mem")
                    && r.getRole().equals("eng") && r.getReservation().getPrincipal().equals("p")
                    && r.getReservations(0).getRole().equals("eng")));

            String state = new String(cluster.master.reads().read("v0", view -> new V0State(view).state()).get(),
                    StandardCharsets.UTF_8);
            assertTrue(state, state.contains("\"reserved_resources\":{\"eng\":{\"cpus\":0.0,\"disk\":64.0,\"gpus\":0.0,"
                    + "\"mem\":24.0},\"ops\":{\"cpus\":1.0,\"disk\":0.0,\"gpus\":0.0,\"mem\":0.0}}"));
            assertTrue(state, state.contains("\"unreserved_resources\":{\"cpus\":3.0,\"disk\":960.0,\"gpus\":0.0,"
                    + "\"mem\":1000.0}"));
            assertTrue(state, state.contains("\"reserved_resources_full\":{\"eng\":[{\"name\":\"disk\""));
            assertTrue("a static reservation in the endpoint format", state.contains("{\"name\":\"cpus\",\"type\":"
                    + "\"SCALAR\",\"scalar\":{\"value\":1.0},\"role\":\"ops\",\"reservations\":[{\"type\":\"STATIC\","
                    + "\"role\":\"ops\"}]}"));
            assertTrue("a dynamic one", state.contains("\"role\":\"eng\",\"reservation\":{\"principal\":\"p\"},"
                    + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"eng\",\"principal\":\"p\"}]"));
            assertTrue(state, state.contains("\"persistence\":{\"id\":\"data\",\"principal\":\"p\"}"));
            assertTrue(state, state.contains("\"unreserved_resources_full\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
                    + "\"scalar\":{\"value\":3.0},\"role\":\"*\"}"));

            Response operations = Response.parseFrom(cluster.master.reads().read("operations",
                    view -> cluster.master.cluster().operations().response().toByteArray()).get());
            assertEquals(1, operations.getGetOperations().getOperationsCount());
            assertEquals(cluster.agentId, operations.getGetOperations().getOperations(0).getAgentId().getValue());
        }
    }
}
