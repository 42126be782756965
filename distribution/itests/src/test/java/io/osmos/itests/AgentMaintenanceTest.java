package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.osmos.http.codec.MediaType;
import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.master.Response;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The operator's hold on an agent, on {@code bin/osmos local}: DEACTIVATE_AGENT stops its offers,
 * REACTIVATE_AGENT brings them back, DRAIN_AGENT kills its tasks within the grace period and, with
 * mark_gone, removes the agent for good.
 */
public class AgentMaintenanceTest {

    private static LocalClusterProcess cluster;
    private static OperatorClient operator;

    @BeforeClass
    public static void start() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus:2;mem:1024");
        cluster.awaitAgent();
        operator = new OperatorClient(cluster.masterPort);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static HttpResponse<byte[]> call(String json) throws Exception {
        return operator.post("/api/v1", "application/json", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String agentCall(String type, String field, String agentId, String extra) throws Exception {
        HttpResponse<byte[]> response = call("{\"type\":\"" + type + "\",\"" + field + "\":{\"agent_id\":{\"value\":\""
                + agentId + "\"}" + extra + "}}");
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    private static Response.GetAgents agents() throws Exception {
        return MesosJson.parse(call("{\"type\":\"GET_AGENTS\"}").body(), Response.getDefaultInstance()).getGetAgents();
    }

    @Test
    public void deactivateReactivateThenDrainAndMarkGone() throws Exception {
        String agent = agents().getAgents(0).getAgentInfo().getId().getValue();
        try (TestScheduler scheduler = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("held", "held"));
            scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30);

            assertEquals("400 No agent found with specified ID", agentCall("DEACTIVATE_AGENT", "deactivate_agent", "nope", ""));
            assertEquals("200 ", agentCall("DEACTIVATE_AGENT", "deactivate_agent", agent, ""));
            assertTrue("the agent shows deactivated", agents().getAgents(0).getDeactivated());
            scheduler.await(e -> e.getType() == Event.Type.RESCIND, 10);
            scheduler.drain();
            scheduler.assertNone(e -> e.getType() == Event.Type.OFFERS, 3, "a deactivated agent is not offered");

            // The same calls in protobuf.
            io.osmos.proto.v1.master.Call reactivate = io.osmos.proto.v1.master.Call.newBuilder()
                    .setType(io.osmos.proto.v1.master.Call.Type.REACTIVATE_AGENT)
                    .setReactivateAgent(io.osmos.proto.v1.master.Call.ReactivateAgent.newBuilder()
                            .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue(agent))).build();
            assertEquals(200, operator.post("/api/v1", "application/x-protobuf", "application/x-protobuf",
                    reactivate.toByteArray()).statusCode());
            assertTrue(!agents().getAgents(0).getDeactivated());
            Offer offer = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30).getOffers().getOffers(0);
            scheduler.send(Tasks.launch(offer, Tasks.command("drained", offer, "sleep 600", "held")));
            scheduler.awaitState("drained", TaskState.TASK_RUNNING, 30);

            assertEquals("200 ", agentCall("DRAIN_AGENT", "drain_agent", agent,
                    ",\"max_grace_period\":{\"seconds\":1},\"mark_gone\":true"));
            TaskStatus killed = scheduler.awaitState("drained", TaskState.TASK_KILLED, 30);
            assertEquals(TaskState.TASK_KILLED, killed.getState());
            long deadline = System.currentTimeMillis() + 20_000;
            while (agents().getAgentsCount() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals("a drained agent marked gone is removed", 0, agents().getAgentsCount());
            Thread.sleep(2_000);
            assertEquals("and is not admitted again", 0, agents().getAgentsCount());
            assertEquals("400 No agent found with specified ID", agentCall("MARK_AGENT_GONE", "mark_agent_gone", agent, ""));
        }
    }
}
