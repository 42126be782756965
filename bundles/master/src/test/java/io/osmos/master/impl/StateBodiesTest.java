package io.osmos.master.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import io.osmos.http.codec.DirectSerializer;
import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.master.Response;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** GET_STATE and v0 /state written from a model of 3 agents × 2 frameworks × 2 running + 2 completed tasks. */
public class StateBodiesTest {

    private Master master;

    @Before
    public void populate() throws Exception {
        master = BenchmarkCluster.master();
        BenchmarkCluster.populate(master, 3, 2, 2);
    }

    @After
    public void stop() {
        master.stop();
    }

    private Response getState() throws Exception {
        return Response.parseFrom(master.reads().read("test-pb", view -> DirectSerializer.protobuf(view.state())).get());
    }

    @Test
    public void getStateHoldsEveryAgentFrameworkAndTaskWithTheirResources() throws Exception {
        Response.GetState state = getState().getGetState();
        assertEquals(3, state.getGetAgents().getAgentsCount());
        assertEquals(6, state.getGetFrameworks().getFrameworksCount());
        assertEquals(12, state.getGetTasks().getTasksCount());
        assertEquals(12, state.getGetTasks().getCompletedTasksCount());
        Response.GetAgents.Agent agent = state.getGetAgents().getAgents(0);
        // Two frameworks with two running tasks of 0.1 cpus each on every agent.
        assertEquals(0.4, agent.getAllocatedResourcesList().stream().filter(r -> r.getName().equals("cpus"))
                .mapToDouble(r -> r.getScalar().getValue()).sum(), 1e-9);
        assertEquals(10, state.getGetTasks().getTasks(0).getLabels().getLabelsCount());
        assertTrue(state.getGetFrameworks().getFrameworks(0).getActive());
    }

    @Test
    public void jsonCarriesTheSameStateAsProtobuf() throws Exception {
        byte[] json = master.reads().read("test-json", view -> DirectSerializer.json(view.state())).get();
        Response fromJson = MesosJson.parse(json, Response.getDefaultInstance());
        assertEquals(MesosJson.parse(MesosJson.toJson(getState()), Response.getDefaultInstance()), fromJson);
    }

    @Test
    public void v0StateListsTheSameTasksWithFlattenedResources() throws Exception {
        String json = new String(master.reads().read("test-v0", view -> new V0State(view).state()).get(),
                StandardCharsets.UTF_8);
        assertEquals(6, count(json, "\"webui_url\""));
        assertEquals(24, count(json, "\"framework_id\":\"framework-"));
        assertEquals(24, count(json, "\"slave_id\":\""));
        assertTrue(json, json.contains("\"resources\":{\"cpus\":0.1,\"disk\":0.0,\"gpus\":0.0,\"mem\":5.0}"));
        assertTrue(json, json.contains("\"ports\":\"[31000-32000]\""));
    }

    @Test
    public void identicalReadsInOneBatchAreComputedOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        // Keeps the loop busy so that the reads below queue up into one batch.
        master.loop().execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        java.util.List<java.util.concurrent.CompletableFuture<byte[]>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(master.reads().read("same", view -> {
                computed.incrementAndGet();
                return DirectSerializer.protobuf(view.state());
            }));
        }
        hold.countDown();
        byte[] first = answers.get(0).get();
        for (java.util.concurrent.CompletableFuture<byte[]> answer : answers) {
            assertEquals(first, answer.get());
        }
        assertEquals(1, computed.get());
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
