package io.osmos.master.scheduler.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.RequestBodies;
import io.osmos.http.api.Route;
import io.osmos.master.api.CallOutcome;
import io.osmos.master.api.SchedulerService;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The Scheduler API's wire rules on a real Vert.x server, in front of a master that records what reaches it. */
public class SchedulerApiTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeMaster master = new FakeMaster();
    private Vertx vertx;
    private HttpServer server;

    @Before
    public void start() throws Exception {
        vertx = Vertx.vertx();
        Route route = new SchedulerApi(master).routes().get(0);
        server = vertx.createHttpServer().requestHandler(request -> RequestBodies.read(request, 1 << 20,
                (r, body) -> route.handler().handle(r, body))).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @After
    public void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    public void callsWaitForTheMasterToRecover() throws Exception {
        master.recovered = false;
        HttpResponse<String> answer = post("{\"type\":\"SUBSCRIBE\"}", null);
        assertEquals(503, answer.statusCode());
        assertEquals("Master has not finished recovery", answer.body());
        assertNull("nothing reached the master", master.lastCall);
    }

    @Test
    public void aSubscribeCarryingAStreamIdIsRefusedBeforeTheMasterSeesIt() throws Exception {
        HttpResponse<String> answer = post(SUBSCRIBE, "some-stream");
        assertEquals(400, answer.statusCode());
        assertEquals("Subscribe calls should not include the 'Mesos-Stream-Id' header", answer.body());
        assertNull(master.lastCall);
    }

    @Test
    public void aSubscriptionStreamsEventsUnderTheIdTheMasterChose() throws Exception {
        HttpResponse<String> answer = post(SUBSCRIBE, null);
        assertEquals(200, answer.statusCode());
        assertEquals("stream-1", answer.headers().firstValue("Mesos-Stream-Id").orElse(null));
        assertTrue("the SUBSCRIBED record: " + answer.body(), answer.body().contains("{\"type\":\"SUBSCRIBED\""));
    }

    @Test
    public void anInvalidSubscriptionIsA400WithoutAStream() throws Exception {
        master.subscribeOutcome = CallOutcome.badRequest("Failed to validate scheduler::Call: bad roles");
        HttpResponse<String> answer = post(SUBSCRIBE, null);
        assertEquals(400, answer.statusCode());
        assertEquals("Failed to validate scheduler::Call: bad roles", answer.body());
        assertFalse(answer.headers().firstValue("Mesos-Stream-Id").isPresent());
    }

    @Test
    public void otherCallsGoToTheMasterWithTheirStreamIdAndGetItsAnswer() throws Exception {
        assertEquals(202, post(DECLINE, "stream-1").statusCode());
        assertEquals("stream-1", master.lastStreamId);
        assertEquals(Call.Type.DECLINE, master.lastCall.getType());

        master.callOutcome = CallOutcome.forbidden("Framework is not subscribed");
        HttpResponse<String> refused = post(DECLINE, null);
        assertEquals(403, refused.statusCode());
        assertEquals("Framework is not subscribed", refused.body());
        assertNull("a call without the header reaches the master with no stream id", master.lastStreamId);
    }

    @Test
    public void aMasterThatFailsTheCallGivesA503NotA500() throws Exception {
        master.callFailure = new IllegalStateException("stopping");
        HttpResponse<String> answer = post(DECLINE, "stream-1");
        assertEquals(503, answer.statusCode());
        assertEquals("The master cannot handle DECLINE now: stopping", answer.body());
    }

    @Test
    public void malformedBodiesAreRefusedAs400() throws Exception {
        assertEquals(400, post("{\"type\":", null).statusCode());
        assertEquals(400, post("{\"type\":\"NOT_A_CALL_TYPE\"}", "stream-1").statusCode());
        assertNull(master.lastCall);
    }

    private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
            + "{\"user\":\"root\",\"name\":\"f\"}}}";
    private static final String DECLINE = "{\"type\":\"DECLINE\",\"framework_id\":{\"value\":\"f1\"},"
            + "\"decline\":{\"offer_ids\":[{\"value\":\"o1\"}]}}";

    private HttpResponse<String> post(String json, String streamId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/api/v1/scheduler")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (streamId != null) {
            request.header("Mesos-Stream-Id", streamId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Records the last call; a subscription sends SUBSCRIBED and ends its stream so the client can read it whole. */
    private static final class FakeMaster implements SchedulerService {
        volatile boolean recovered = true;
        volatile CallOutcome subscribeOutcome = CallOutcome.OK;
        volatile CallOutcome callOutcome = CallOutcome.ACCEPTED;
        volatile RuntimeException callFailure;
        volatile Call lastCall;
        volatile String lastStreamId;

        @Override
        public boolean recovered() {
            return recovered;
        }

        @Override
        public CompletionStage<CallOutcome> subscribe(Call subscribe, Function<String, RecordIOStream> open) {
            lastCall = subscribe;
            if (subscribeOutcome.isError()) {
                return CompletableFuture.completedFuture(subscribeOutcome);
            }
            RecordIOStream stream = open.apply("stream-1");
            stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).build());
            stream.close();
            return CompletableFuture.completedFuture(subscribeOutcome);
        }

        @Override
        public CompletionStage<CallOutcome> call(Call call, String streamId) {
            lastCall = call;
            lastStreamId = streamId;
            return callFailure != null ? CompletableFuture.failedFuture(callFailure)
                    : CompletableFuture.completedFuture(callOutcome);
        }
    }
}
