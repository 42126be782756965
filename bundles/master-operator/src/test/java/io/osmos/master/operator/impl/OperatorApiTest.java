package io.osmos.master.operator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.RequestBodies;
import io.osmos.http.api.Route;
import io.osmos.http.codec.MediaType;
import io.osmos.master.api.CallOutcome;
import io.osmos.master.api.OperatorService;
import io.osmos.proto.v1.master.Call;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The Operator API's wire on a real Vert.x server, in front of a master that records what reaches it. */
public class OperatorApiTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeMaster master = new FakeMaster();
    private Vertx vertx;
    private HttpServer server;
    private OperatorApi api;

    @Before
    public void start() throws Exception {
        vertx = Vertx.vertx();
        api = new OperatorApi(master);
        Route route = api.routes().get(0);
        server = vertx.createHttpServer().requestHandler(request -> RequestBodies.read(request, 1 << 20,
                (r, body) -> route.handler().handle(r, body))).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @After
    public void stop() throws Exception {
        api.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    public void callsWaitForTheMasterToRecover() throws Exception {
        master.recovered = false;
        HttpResponse<String> answer = post("{\"type\":\"GET_STATE\"}", "application/json");
        assertEquals(503, answer.statusCode());
        assertEquals("Master has not finished recovery", answer.body());
        assertNull(master.lastType);
    }

    @Test
    public void readsAreTheMastersBytesInTheEncodingAskedFor() throws Exception {
        HttpResponse<String> json = post("{\"type\":\"GET_STATE\"}", "application/json");
        assertEquals(200, json.statusCode());
        assertEquals("GET_STATE as JSON", json.body());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> protobuf = post("{\"type\":\"GET_AGENTS\"}", "application/x-protobuf");
        assertEquals("GET_AGENTS as PROTOBUF", protobuf.body());
        assertEquals("application/x-protobuf", protobuf.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    public void writesAnswerWithTheMastersOutcome() throws Exception {
        master.writeOutcome = CallOutcome.ACCEPTED;
        assertEquals(202, post("{\"type\":\"RESERVE_RESOURCES\"}", "application/json").statusCode());
        assertEquals(Call.Type.RESERVE_RESOURCES, master.lastType);
        master.writeOutcome = CallOutcome.conflict("Agent a1 is not connected");
        HttpResponse<String> conflict = post("{\"type\":\"RESERVE_RESOURCES\"}", "application/json");
        assertEquals(409, conflict.statusCode());
        assertEquals("Agent a1 is not connected", conflict.body());
    }

    @Test
    public void aMasterThatFailsGivesA503NotA500() throws Exception {
        master.failure = new IllegalStateException("stopping");
        HttpResponse<String> read = post("{\"type\":\"GET_STATE\"}", "application/json");
        assertEquals(503, read.statusCode());
        assertEquals("The master cannot answer right now: stopping", read.body());
        assertEquals(503, post("{\"type\":\"UPDATE_WEIGHTS\"}", "application/json").statusCode());
    }

    @Test
    public void metricsWithoutARegistryAreAnEmptyList() throws Exception {
        HttpResponse<String> answer = post("{\"type\":\"GET_METRICS\"}", "application/json");
        assertEquals(200, answer.statusCode());
        assertEquals("{\"type\":\"GET_METRICS\",\"get_metrics\":{}}", answer.body());
    }

    @Test
    public void unknownAndUnservedCallsAre501AndBadBodies400() throws Exception {
        assertEquals(501, post("{\"type\":\"UNKNOWN\"}", "application/json").statusCode());
        assertEquals(501, post("{\"type\":\"START_MAINTENANCE\"}", "application/json").statusCode());
        assertEquals(400, post("{\"type\":\"NO_SUCH_CALL\"}", "application/json").statusCode());
        assertEquals(400, post("{\"type\":", "application/json").statusCode());
        assertNull(master.lastType);
    }

    private HttpResponse<String> post(String json, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1"))
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class FakeMaster implements OperatorService {
        volatile boolean recovered = true;
        volatile CallOutcome writeOutcome = CallOutcome.OK;
        volatile RuntimeException failure;
        volatile Call.Type lastType;

        @Override
        public boolean recovered() {
            return recovered;
        }

        @Override
        public boolean reads(Call.Type type) {
            return type == Call.Type.GET_STATE || type == Call.Type.GET_AGENTS;
        }

        @Override
        public CompletionStage<byte[]> read(Call.Type type, MediaType encoding) {
            lastType = type;
            return failure != null ? CompletableFuture.failedFuture(failure) : CompletableFuture.completedFuture(
                    (type + " as " + encoding).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean writes(Call.Type type) {
            return type == Call.Type.RESERVE_RESOURCES || type == Call.Type.UPDATE_WEIGHTS;
        }

        @Override
        public CompletionStage<CallOutcome> write(Call call) {
            lastType = call.getType();
            return failure != null ? CompletableFuture.failedFuture(failure)
                    : CompletableFuture.completedFuture(writeOutcome);
        }

        @Override
        public CompletionStage<Void> subscribe(RecordIOStream stream) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
