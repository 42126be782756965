package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.Route;
import io.osmos.http.api.RouteHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The endpoints on a real Vert.x server and socket, routed the way the whiteboard routes them. */
public class MetricsRoutesTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MetricRegistry registry = new MetricRegistry();
    private Vertx vertx;
    private HttpServer server;

    @Before
    public void start() throws Exception {
        registry.counter("allocator/mesos/allocation_runs").add(3);
        registry.gauge("master/tasks_running", () -> 2);
        List<Route> routes = new MasterMetricsRoutes(registry).routes();
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> route(routes,
                request.path()).handle(request, body)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RouteHandler route(List<Route> routes, String path) {
        return routes.stream().filter(r -> r.matches(path)).findFirst().map(Route::handler)
                .orElse((request, body) -> request.response().setStatusCode(404).end());
    }

    @After
    public void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    public void theSnapshotIsFlatJsonOnBothPaths() throws Exception {
        for (String path : List.of("/metrics/snapshot", "/master/metrics/snapshot", "/metrics/snapshot?timeout=5secs")) {
            HttpResponse<byte[]> response = get(path);
            assertEquals(path, 200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertEquals(Map.of("allocator/mesos/allocation_runs", 3.0, "master/tasks_running", 2.0),
                    SnapshotJsonTest.parse(response.body()));
        }
    }

    @Test
    public void aMalformedTimeoutIs400() throws Exception {
        HttpResponse<byte[]> response = get("/metrics/snapshot?timeout=soon");
        assertEquals(400, response.statusCode());
        assertEquals("Invalid timeout 'soon': Invalid duration 'soon'.\n", new String(response.body()));
        assertEquals(400, get("/metrics/snapshot?timeout=5seconds").statusCode());
    }

    @Test
    public void onlyGetIsAllowed() throws Exception {
        for (String path : List.of("/metrics/snapshot", "/metrics")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode());
            assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
        }
    }

    @Test
    public void prometheusTextIsServedWithItsContentType() throws Exception {
        HttpResponse<byte[]> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(text, text.contains("\nallocator_mesos_allocation_runs_total 3.0\n"));
        assertTrue(text, text.contains("\nmaster_tasks_running 2.0\n"));
    }

    @Test
    public void theAgentServesTheSnapshotUnderSlave1() {
        List<String> paths = new AgentMetricsRoutes(registry).routes().stream().map(Route::path).toList();
        assertEquals(List.of("/metrics/snapshot", "/slave(1)/metrics/snapshot", "/metrics"), paths);
        assertEquals(List.of("/metrics/snapshot", "/master/metrics/snapshot", "/metrics"),
                new MasterMetricsRoutes(registry).routes().stream().map(Route::path).toList());
        assertTrue(HttpRoutes.class.isAssignableFrom(AgentMetricsRoutes.class));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }
}
