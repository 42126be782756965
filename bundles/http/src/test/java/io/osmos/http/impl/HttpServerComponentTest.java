package io.osmos.http.impl;

import static org.junit.Assert.assertEquals;

import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Route;
import io.osmos.http.api.RouteHandler;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;
import io.vertx.core.Vertx;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;

/** The whiteboard server on a real Vert.x and a real socket. */
public class HttpServerComponentTest {

    private static final long HANDOVER_MILLIS = 1_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Vertx vertx;
    private HttpServerComponent server;
    private int port;

    @Before
    public void start() throws Exception {
        vertx = Vertx.vertx();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new HttpServerComponent(config("test", port, 1024), vertx);
    }

    @After
    public void stop() throws Exception {
        server.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    public void routesComeAndGoWhileTheServerKeepsListening() throws Exception {
        HttpRoutes health = () -> List.of(Route.exact("/health", (req, body) -> req.response().end("ok")));
        assertEquals(404, get("/health").statusCode());

        server.addRoutes(health, props(7L, "test"));
        assertEquals(200, get("/health").statusCode());
        assertEquals("ok", get("/health").body());

        server.removeRoutes(health, props(7L, "test"));
        HttpResponse<String> unavailable = get("/health");
        assertEquals("no successor within the hand-over time", 503, unavailable.statusCode());
        assertEquals("The module serving /health is being updated and is not back yet", unavailable.body());
        assertEquals("after the hand-over the route is just gone", 404, get("/health").statusCode());
    }

    @Test
    public void aRequestArrivingWhileItsModuleIsUpdatedWaitsForTheSuccessor() throws Exception {
        HttpRoutes before = () -> List.of(Route.exact("/api/v1", (req, body) -> req.response().end("v1")));
        server.addRoutes(before, props(8L, "test"));
        server.removeRoutes(before, props(8L, "test"));
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_HEALTH\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        assertEquals("held, not answered 404", false, waiting.isDone());
        server.addRoutes(() -> List.of(Route.exact("/api/v1", (req, body) -> req.response().end("v2 " + body))),
                props(9L, "test"));
        HttpResponse<String> served = waiting.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, served.statusCode());
        assertEquals("the successor got the body too", "v2 {\"type\":\"GET_HEALTH\"}", served.body());
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("waited for the successor, not for the whole hand-over: " + waitedMillis, true,
                waitedMillis >= 200 && waitedMillis < HANDOVER_MILLIS);
        assertEquals("a path nobody served is 404 at once", 404, get("/never").statusCode());
    }

    @Test
    public void routesForAnotherServerAreIgnoredAndStarMatchesAll() throws Exception {
        server.addRoutes(() -> List.of(Route.exact("/a", (req, body) -> req.response().end("a"))), props(1L, "other"));
        server.addRoutes(() -> List.of(Route.prefix("/files", (req, body) -> req.response().end(req.path()))),
                props(2L, "*"));
        assertEquals(404, get("/a").statusCode());
        assertEquals("/files/x/y", get("/files/x/y").body());
        assertEquals(404, get("/filesystem").statusCode());
    }

    @Test
    public void aMesosCallIsDecodedAndBadRequestsGetMesosCodes() throws Exception {
        Response healthy = Response.newBuilder().setType(Response.Type.GET_HEALTH)
                .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build();
        RouteHandler api = (req, body) -> ApiCalls.read(req, body, Call.getDefaultInstance())
                .ifPresent(call -> ApiCalls.ok(call, healthy));
        server.addRoutes(() -> List.of(Route.exact("/api/v1", api)), props(3L, "test"));
        HttpResponse<String> ok = post("/api/v1", "application/json", "{\"type\":\"GET_HEALTH\"}");
        assertEquals(200, ok.statusCode());
        assertEquals("{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}", ok.body());
        assertEquals(415, post("/api/v1", "text/plain", "x").statusCode());
        assertEquals(400, post("/api/v1", "application/json", "{\"type\":").statusCode());
        assertEquals(413, post("/api/v1", "application/json", "{\"x\":\"" + "a".repeat(2000) + "\"}").statusCode());
        assertEquals(405, get("/api/v1").statusCode());
    }

    @Test
    public void aFailingHandlerGivesA500NotAHang() throws Exception {
        server.addRoutes(() -> List.of(Route.exact("/boom", (req, body) -> {
            throw new IllegalStateException("boom");
        })), props(4L, "test"));
        HttpResponse<String> response = get("/boom");
        assertEquals(500, response.statusCode());
        assertEquals("Internal error: boom", response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> props(long serviceId, String serverName) {
        return Map.of(Constants.SERVICE_ID, serviceId, HttpRoutes.SERVER, serverName);
    }

    private static HttpServerComponent.Config config(String name, int port, long maxBody) {
        return new HttpServerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HttpServerComponent.Config.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public long max_body_size() {
                return maxBody;
            }

            @Override
            public double route_handover_timeout() {
                return HANDOVER_MILLIS / 1000.0;
            }
        };
    }
}
