package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;

/** Boots the {@code local} feature (master + agent in one Felix) from the built distribution. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LocalClusterTest {

    private static final long WAIT_MILLIS = 30_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return OsmosOptions.feature("local",
                Map.of("master_port", OsmosOptions.freePort(), "agent_port", OsmosOptions.freePort()));
    }

    @Test
    public void everyBundleOfTheFeatureIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " (state " + bundle.getState() + ")");
            }
        }
        assertTrue("Bundles not active: " + notActive, notActive.isEmpty());
    }

    @Test
    public void readCallsAnswerInJsonAndProtobuf() throws Exception {
        OperatorClient master = master();
        assertTrue(master.call(Call.Type.GET_HEALTH).getGetHealth().getHealthy());
        assertEquals("1.10.0", master.call(Call.Type.GET_VERSION).getGetVersion().getVersionInfo().getVersion());
        assertTrue(master.call(Call.Type.GET_FLAGS).getGetFlags().getFlagsList().stream()
                .anyMatch(f -> f.getName().equals("port") && f.getValue().equals(System.getProperty("osmos.test.master_port"))));
        for (String type : new String[] {"GET_HEALTH", "GET_VERSION", "GET_FLAGS", "GET_AGENTS"}) {
            var response = master.post("/api/v1", "application/json", "application/json",
                    ("{\"type\":\"" + type + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(type, 200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(new String(response.body()), new String(response.body()).startsWith("{\"type\":\"" + type + "\""));
        }
        assertEquals(200, master.get("/health"));
        assertEquals(400, master.post("/api/v1", "application/json", "application/json",
                "{\"type\":\"NO_SUCH_CALL\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    public void theAgentRegistersAndComesBackAfterTheHttpBundleIsUpdated() throws Exception {
        OperatorClient master = master();
        Response.GetAgents.Agent before = awaitActiveAgent(master);
        assertEquals(Integer.parseInt(System.getProperty("osmos.test.agent_port")), before.getAgentInfo().getPort());
        assertTrue("the agent reports cpus", before.getTotalResourcesList().stream()
                .anyMatch(r -> r.getName().equals("cpus") && r.getScalar().getValue() > 0));

        Bundles.updateAndRefresh(context, Bundles.find(context, "io.osmos.http"));

        Response.GetAgents.Agent after = awaitActiveAgent(master);
        assertEquals("the same agent re-registers", before.getAgentInfo().getId(), after.getAgentInfo().getId());
        assertEquals(1, master.call(Call.Type.GET_AGENTS).getGetAgents().getAgentsCount());
    }

    @Test
    public void routesOfAStoppedBundleGoAwayWhileTheServerKeepsServing() throws Exception {
        OperatorClient master = master();
        OperatorClient agent = new OperatorClient(System.getProperty("osmos.test.agent_port"));
        awaitActiveAgent(master);
        Bundle masterBundle = Bundles.find(context, "io.osmos.master");

        masterBundle.stop();
        java.util.concurrent.CompletableFuture<Integer> held;
        try {
            held = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return master.get("/health");
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertEquals("the agent's server, in the same Vert.x, still answers", 200, agent.get("/health"));
            Thread.sleep(300);
            assertFalse("a request for a route of the stopped bundle waits for its successor (route hand-over)",
                    held.isDone());
        } finally {
            masterBundle.start();
        }
        assertEquals("and is served once the bundle is back", 200, (int) held.get(10, java.util.concurrent.TimeUnit.SECONDS));
        awaitActiveAgent(master);

        masterBundle.update();
        Response.GetAgents.Agent afterUpdate = awaitActiveAgent(master);
        assertEquals(1, master.call(Call.Type.GET_AGENTS).getGetAgents().getAgentsCount());
        assertTrue(afterUpdate.getActive());
        assertEquals(200, master.get("/health"));
    }

    private OperatorClient master() {
        return new OperatorClient(System.getProperty("osmos.test.master_port"));
    }

    /** Polls GET_AGENTS until exactly one agent is listed and active; the API may be away meanwhile. */
    private Response.GetAgents.Agent awaitActiveAgent(OperatorClient master) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String last = "no answer yet";
        while (System.currentTimeMillis() < deadline) {
            try {
                Response.GetAgents agents = master.call(Call.Type.GET_AGENTS).getGetAgents();
                if (agents.getAgentsCount() == 1 && agents.getAgents(0).getActive()) {
                    return agents.getAgents(0);
                }
                last = agents.toString();
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No single active agent within " + WAIT_MILLIS + " ms; last: " + last);
    }
}
