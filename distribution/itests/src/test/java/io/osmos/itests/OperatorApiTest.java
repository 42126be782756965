package io.osmos.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

import io.osmos.http.codec.MediaType;
import io.osmos.http.codec.MesosJson;
import io.osmos.proto.v1.Label;
import io.osmos.proto.v1.Labels;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.scheduler.Call;

import org.apache.mesos.v1.master.Protos;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The v1 Operator API's read calls on {@code bin/osmos local} with a framework and tasks in it:
 * protobuf answers decoded with Apache Mesos' own classes, JSON and protobuf carrying the same
 * response, bad requests refused with Mesos' codes, concurrent reads, gzip.
 */
public class OperatorApiTest {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final List<io.osmos.proto.v1.master.Call.Type> READS = List.of(
            io.osmos.proto.v1.master.Call.Type.GET_HEALTH, io.osmos.proto.v1.master.Call.Type.GET_FLAGS,
            io.osmos.proto.v1.master.Call.Type.GET_VERSION, io.osmos.proto.v1.master.Call.Type.GET_MASTER,
            io.osmos.proto.v1.master.Call.Type.GET_STATE, io.osmos.proto.v1.master.Call.Type.GET_AGENTS,
            io.osmos.proto.v1.master.Call.Type.GET_FRAMEWORKS, io.osmos.proto.v1.master.Call.Type.GET_EXECUTORS,
            io.osmos.proto.v1.master.Call.Type.GET_TASKS, io.osmos.proto.v1.master.Call.Type.GET_METRICS,
            io.osmos.proto.v1.master.Call.Type.GET_ROLES, io.osmos.proto.v1.master.Call.Type.GET_WEIGHTS,
            io.osmos.proto.v1.master.Call.Type.GET_QUOTA, io.osmos.proto.v1.master.Call.Type.GET_OPERATIONS);

    private static LocalClusterProcess cluster;
    private static TestScheduler scheduler;
    private static OperatorClient operator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeClass
    public static void start() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus:4;mem:4096");
        cluster.awaitAgent();
        operator = new OperatorClient(cluster.masterPort);
        scheduler = new TestScheduler(cluster.masterPort, MediaType.PROTOBUF);
        scheduler.subscribe(Tasks.framework("ops-reader", "ops"));
        Offer offer = scheduler.await(e -> e.getType() == io.osmos.proto.v1.scheduler.Event.Type.OFFERS, 30)
                .getOffers().getOffers(0);
        TaskInfo running = Tasks.command("long", offer, "sleep 600", "ops").toBuilder()
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("tier").setValue("gold"))).build();
        scheduler.send(Tasks.launch(offer, running, Tasks.command("brief", offer, "true", "ops")));
        // No more offers, so what the reads show stays put while the tests compare answers.
        scheduler.send(Call.newBuilder().setType(Call.Type.SUPPRESS));
        scheduler.awaitStates(java.util.Map.of("long", TaskState.TASK_RUNNING, "brief", TaskState.TASK_FINISHED), 60);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private HttpResponse<byte[]> post(io.osmos.proto.v1.master.Call.Type type, String encoding) throws Exception {
        io.osmos.proto.v1.master.Call call = io.osmos.proto.v1.master.Call.newBuilder().setType(type).build();
        byte[] body = encoding.equals(PROTOBUF) ? call.toByteArray() : MesosJson.toJson(call);
        return operator.post("/api/v1", encoding, encoding, body);
    }

    private HttpResponse<byte[]> raw(String path, String contentType, String accept, byte[] body) throws Exception {
        return operator.post(path, contentType, accept, body);
    }

    @Test
    public void everyReadCallIsDecodedByApacheMesosOwnClasses() throws Exception {
        for (io.osmos.proto.v1.master.Call.Type type : READS) {
            HttpResponse<byte[]> response = post(type, PROTOBUF);
            assertEquals(type + ": " + new String(response.body(), StandardCharsets.UTF_8), 200, response.statusCode());
            assertEquals(PROTOBUF, response.headers().firstValue("Content-Type").orElse(""));
            Protos.Response decoded = Protos.Response.parseFrom(response.body());
            assertEquals(type.name(), decoded.getType().name());
        }
        Protos.Response.GetState state = Protos.Response.parseFrom(post(
                io.osmos.proto.v1.master.Call.Type.GET_STATE, PROTOBUF).body()).getGetState();
        Protos.Response.GetTasks tasks = state.getGetTasks();
        org.apache.mesos.v1.Protos.Task running = tasks.getTasksList().stream()
                .filter(t -> t.getTaskId().getValue().equals("long")).findFirst().orElseThrow();
        assertEquals(org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING, running.getState());
        assertEquals("gold", running.getLabels().getLabels(0).getValue());
        assertTrue("the finished and acknowledged task is completed", tasks.getCompletedTasksList().stream()
                .anyMatch(t -> t.getTaskId().getValue().equals("brief")));
        Protos.Response.GetFrameworks.Framework framework = state.getGetFrameworks().getFrameworks(0);
        assertEquals("ops-reader", framework.getFrameworkInfo().getName());
        assertTrue(framework.getActive() && framework.getConnected());
        assertEquals(0.1, cpus(framework.getAllocatedResourcesList()), 1e-9);
        Protos.Response.GetAgents.Agent agent = state.getGetAgents().getAgents(0);
        assertEquals(4.0, cpus(agent.getTotalResourcesList()), 1e-9);
        assertEquals(0.1, cpus(agent.getAllocatedResourcesList()), 1e-9);
        assertTrue(agent.getPid().startsWith("slave(1)@"));
        Protos.Response.GetMaster master = Protos.Response.parseFrom(post(
                io.osmos.proto.v1.master.Call.Type.GET_MASTER, PROTOBUF).body()).getGetMaster();
        assertEquals(Integer.parseInt(cluster.masterPort), master.getMasterInfo().getPort());
        assertTrue(master.getStartTime() > 1.6e9);
    }

    private static double cpus(List<org.apache.mesos.v1.Protos.Resource> resources) {
        return resources.stream().filter(r -> r.getName().equals("cpus")).mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    @Test
    public void jsonAndProtobufCarryTheSameResponse() throws Exception {
        for (io.osmos.proto.v1.master.Call.Type type : READS) {
            HttpResponse<byte[]> json = post(type, JSON);
            assertEquals(200, json.statusCode());
            assertEquals(JSON, json.headers().firstValue("Content-Type").orElse(""));
            io.osmos.proto.v1.master.Response fromJson = MesosJson.parse(json.body(),
                    io.osmos.proto.v1.master.Response.getDefaultInstance());
            io.osmos.proto.v1.master.Response fromProtobuf = io.osmos.proto.v1.master.Response.parseFrom(
                    post(type, PROTOBUF).body());
            if (type == io.osmos.proto.v1.master.Call.Type.GET_METRICS) {
                // Gauges such as heap use move between two calls: the same metrics, not the same values.
                assertEquals(fromProtobuf.getGetMetrics().getMetricsList().stream().map(m -> m.getName()).toList(),
                        fromJson.getGetMetrics().getMetricsList().stream().map(m -> m.getName()).toList());
                continue;
            }
            // Mesos' JSON also writes unset fields that declare a default, so compare through that mapping.
            assertEquals(type.name(), MesosJson.parse(MesosJson.toJson(fromProtobuf),
                    io.osmos.proto.v1.master.Response.getDefaultInstance()), fromJson);
        }
        String state = new String(post(io.osmos.proto.v1.master.Call.Type.GET_STATE, JSON).body(), StandardCharsets.UTF_8);
        assertTrue(state, state.startsWith("{\"type\":\"GET_STATE\",\"get_state\":{\"get_tasks\":{\"tasks\":["));
        assertTrue("Mesos' field names: " + state, state.contains("\"agent_id\"") && state.contains("\"framework_info\""));
    }

    @Test
    public void badRequestsGetMesosStatusCodesAndLeaveTheStateAlone() throws Exception {
        byte[] getTasks = io.osmos.proto.v1.master.Call.newBuilder()
                .setType(io.osmos.proto.v1.master.Call.Type.GET_TASKS).build().toByteArray();
        assertEquals(400, raw("/api/v1", PROTOBUF, PROTOBUF, new byte[] {(byte) 0xff, 1, 2, 3}).statusCode());
        assertEquals(400, raw("/api/v1", JSON, JSON, "{\"type\":".getBytes(StandardCharsets.UTF_8)).statusCode());
        HttpResponse<byte[]> unknownEnum = raw("/api/v1", JSON, JSON, "{\"type\":\"GET_EVERYTHING\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("an unknown call type", 400, unknownEnum.statusCode());
        assertEquals(415, raw("/api/v1", "text/plain", PROTOBUF, getTasks).statusCode());
        assertEquals(406, raw("/api/v1", PROTOBUF, "text/html", getTasks).statusCode());
        assertEquals(405, operator.get("/api/v1"));
        HttpResponse<byte[]> tasks = raw("/api/v1", PROTOBUF, PROTOBUF, getTasks);
        assertEquals(200, tasks.statusCode());
        assertTrue("the running task is still there", Protos.Response.parseFrom(tasks.body()).getGetTasks().getTasksList()
                .stream().anyMatch(t -> t.getTaskId().getValue().equals("long")));
    }

    @Test
    public void twentyConcurrentClientsGetTheSameState() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Callable<HttpResponse<byte[]>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> post(io.osmos.proto.v1.master.Call.Type.GET_STATE, PROTOBUF));
            }
            List<Future<HttpResponse<byte[]>>> answers = clients.invokeAll(calls);
            byte[] first = answers.get(0).get().body();
            for (Future<HttpResponse<byte[]>> answer : answers) {
                assertEquals(200, answer.get().statusCode());
                assertArrayEquals("one consistent state for every client", first, answer.get().body());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    public void responsesAreGzippedWhenTheClientAsks() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.masterPort + "/api/v1"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", JSON).header("Accept", PROTOBUF)
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"GET_STATE\"}")).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
        assertEquals(Protos.Response.Type.GET_STATE, Protos.Response.parseFrom(plain).getType());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.masterPort + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(response.body(), 200, response.statusCode());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    @Test
    public void v0EndpointsUseMesosFieldNamesAndFlattenedResources() throws Exception {
        com.fasterxml.jackson.databind.JsonNode state = json(get("/state"));
        for (String key : List.of("version", "id", "pid", "hostname", "activated_slaves", "flags", "slaves",
                "frameworks", "completed_frameworks", "orphan_tasks", "unregistered_frameworks")) {
            assertTrue("/state has " + key, state.has(key));
        }
        com.fasterxml.jackson.databind.JsonNode agent = state.get("slaves").get(0);
        assertEquals(4.0, agent.get("resources").get("cpus").asDouble(), 1e-9);
        assertEquals(0.1, agent.get("used_resources").get("cpus").asDouble(), 1e-9);
        com.fasterxml.jackson.databind.JsonNode framework = state.get("frameworks").get(0);
        assertEquals("ops-reader", framework.get("name").asText());
        com.fasterxml.jackson.databind.JsonNode task = framework.get("tasks").get(0);
        assertEquals("long", task.get("id").asText());
        assertEquals("TASK_RUNNING", task.get("state").asText());
        assertEquals(agent.get("id").asText(), task.get("slave_id").asText());
        assertEquals("gold", task.get("labels").get(0).get("value").asText());
        assertEquals("brief", framework.get("completed_tasks").get(0).get("id").asText());
        assertEquals(json(get("/state")).get("id"), json(get("/master/state")).get("id"));

        com.fasterxml.jackson.databind.JsonNode summary = json(get("/state-summary"));
        assertEquals(1, summary.get("slaves").get(0).get("TASK_RUNNING").asInt());
        assertEquals(1, summary.get("slaves").get(0).get("TASK_FINISHED").asInt());
        assertEquals(0, summary.get("slaves").get(0).get("TASK_FAILED").asInt());
        assertEquals(framework.get("id"), summary.get("slaves").get(0).get("framework_ids").get(0));
        assertEquals(agent.get("id"), summary.get("frameworks").get(0).get("slave_ids").get(0));
        assertTrue("no tasks in the summary", !summary.toString().contains("\"tasks\""));

        assertEquals(1, json(get("/slaves")).get("slaves").size());
        assertEquals(0, json(get("/slaves?slave_id=nope")).get("slaves").size());
        assertEquals(1, json(get("/frameworks")).get("frameworks").size());
        assertEquals(2, json(get("/tasks")).get("tasks").size());
        assertEquals(1, json(get("/tasks?limit=1")).get("tasks").size());
        String newest = json(get("/tasks?limit=1")).get("tasks").get(0).get("id").asText();
        String oldest = json(get("/tasks?limit=1&order=asc")).get("tasks").get(0).get("id").asText();
        assertTrue(newest + " then " + oldest, !newest.equals(oldest));
        assertEquals(oldest, json(get("/tasks?limit=1&offset=1")).get("tasks").get(0).get("id").asText());
        assertEquals(400, get("/tasks?limit=lots").statusCode());
        HttpResponse<String> jsonp = get("/slaves?jsonp=show");
        assertTrue(jsonp.body(), jsonp.body().startsWith("show({") && jsonp.body().endsWith("});"));
        assertEquals(400, get("/slaves?jsonp=alert(1)").statusCode());
        assertEquals(405, operator.post("/state", JSON, JSON, new byte[0]).statusCode());
    }

    @Test
    public void metricsAreServedAsMesosSnapshotPrometheusTextAndGetMetrics() throws Exception {
        // One task runs ("long"), one finished ("brief"), on the one agent; the agent's cpus are 4. The
        // master and the agent sample their numbers once a second: wait for a sample taken after that.
        com.fasterxml.jackson.databind.JsonNode snapshot = sampledSnapshot();
        assertTrue(snapshot.toString(), snapshot.get("system/cpus_total").asDouble() >= 1);
        assertEquals(snapshot.toString(), 1.0, snapshot.get("master/slaves_active").asDouble(), 0);
        assertEquals(snapshot.toString(), 1.0, snapshot.get("master/tasks_running").asDouble(), 0);
        assertTrue(snapshot.toString(), snapshot.get("master/tasks_finished").asDouble() >= 1);
        assertEquals(4.0, snapshot.get("master/cpus_total").asDouble(), 0);
        assertEquals(1.0, snapshot.get("slave/registered").asDouble(), 0);
        // The agent's sample may still count "brief" as running for up to a second after it ended.
        assertTrue(snapshot.toString(), snapshot.get("slave/tasks_running").asDouble() >= 1);
        assertTrue(snapshot.toString(), snapshot.get("slave/cpus_used").asDouble() > 0);
        assertEquals(400, get("/metrics/snapshot?timeout=soon").statusCode());
        HttpResponse<String> prometheus = get("/metrics");
        assertEquals(200, prometheus.statusCode());
        assertTrue(prometheus.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(prometheus.body(), prometheus.body().lines().anyMatch(l -> l.startsWith("system_cpus_total ")));
        assertTrue(prometheus.body(), prometheus.body().lines().anyMatch(l -> l.startsWith("master_tasks_running ")));
        Protos.Response.GetMetrics metrics = Protos.Response.parseFrom(
                post(io.osmos.proto.v1.master.Call.Type.GET_METRICS, PROTOBUF).body()).getGetMetrics();
        assertTrue(metrics.getMetricsList().stream().anyMatch(m -> m.getName().equals("system/cpus_total")
                && m.getValue() == snapshot.get("system/cpus_total").asDouble()));
    }

    private com.fasterxml.jackson.databind.JsonNode sampledSnapshot() throws Exception {
        com.fasterxml.jackson.databind.JsonNode snapshot = json(get("/metrics/snapshot"));
        long deadline = System.currentTimeMillis() + 10_000;
        while ((snapshot.get("master/tasks_running").asDouble() < 1
                || snapshot.get("slave/tasks_running").asDouble() < 1) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            snapshot = json(get("/metrics/snapshot"));
        }
        return snapshot;
    }

    @Test
    public void subscribeStreamsTheStateThenEveryChange() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.masterPort + "/api/v1"))
                .header("Content-Type", JSON).header("Accept", PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}")).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(PROTOBUF, response.headers().firstValue("Content-Type").orElse(""));
        java.util.concurrent.LinkedBlockingQueue<Protos.Event> events = new java.util.concurrent.LinkedBlockingQueue<>();
        io.osmos.http.codec.RecordIOReader records = new io.osmos.http.codec.RecordIOReader(1 << 24, bytes -> {
            try {
                events.add(Protos.Event.parseFrom(bytes));
            } catch (org.apache.mesos.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        });
        java.io.InputStream in = response.body();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    records.feed(buffer, 0, n);
                }
            } catch (java.io.IOException e) {
                // the stream ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try (TestScheduler watched = new TestScheduler(cluster.masterPort, MediaType.JSON)) {
            Protos.Event subscribed = next(events, Protos.Event.Type.SUBSCRIBED);
            assertEquals(15.0, subscribed.getSubscribed().getHeartbeatIntervalSeconds(), 0);
            assertTrue(subscribed.getSubscribed().getGetState().getGetTasks().getTasksList().stream()
                    .anyMatch(t -> t.getTaskId().getValue().equals("long")));
            next(events, Protos.Event.Type.HEARTBEAT);

            watched.subscribe(Tasks.framework("watched", "watch"));
            assertEquals("watched", next(events, Protos.Event.Type.FRAMEWORK_ADDED).getFrameworkAdded().getFramework()
                    .getFrameworkInfo().getName());
            Offer offer = watched.await(e -> e.getType() == io.osmos.proto.v1.scheduler.Event.Type.OFFERS, 30)
                    .getOffers().getOffers(0);
            watched.send(Tasks.launch(offer, Tasks.command("watched-task", offer, "sleep 600", "watch")));
            assertEquals("watched-task", next(events, Protos.Event.Type.TASK_ADDED).getTaskAdded().getTask().getTaskId()
                    .getValue());
            watched.awaitState("watched-task", TaskState.TASK_RUNNING, 30);
            Protos.Event updated = next(events, Protos.Event.Type.TASK_UPDATED);
            while (updated.getTaskUpdated().getState() != org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING) {
                updated = next(events, Protos.Event.Type.TASK_UPDATED);
            }
            assertEquals("watched-task", updated.getTaskUpdated().getStatus().getTaskId().getValue());
            assertEquals(400, jsonCall("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"nope\"}}}")
                    .statusCode());
            assertEquals(200, jsonCall("{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\""
                    + watched.frameworkId().getValue() + "\"}}}").statusCode());
            assertEquals("watched", next(events, Protos.Event.Type.FRAMEWORK_REMOVED).getFrameworkRemoved()
                    .getFrameworkInfo().getName());
        } finally {
            in.close();
        }
    }

    private static Protos.Event next(java.util.concurrent.BlockingQueue<Protos.Event> events, Protos.Event.Type type)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        List<Protos.Event.Type> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            Protos.Event event = events.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (event != null && event.getType() == type) {
                return event;
            }
            if (event != null) {
                seen.add(event.getType());
            }
        }
        throw new AssertionError("No " + type + " within 30 s; saw " + seen);
    }

    private HttpResponse<byte[]> jsonCall(String json) throws Exception {
        return operator.post("/api/v1", JSON, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private io.osmos.proto.v1.master.Response jsonRead(String type) throws Exception {
        HttpResponse<byte[]> response = jsonCall("{\"type\":\"" + type + "\"}");
        assertEquals(new String(response.body(), StandardCharsets.UTF_8), 200, response.statusCode());
        return MesosJson.parse(response.body(), io.osmos.proto.v1.master.Response.getDefaultInstance());
    }

    @Test
    public void weightsAndQuotaAreSetThenReadBackPerRole() throws Exception {
        assertEquals(200, jsonCall("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"ops\",\"weight\":2.5}]}}").statusCode());
        assertTrue("read your write", jsonRead("GET_WEIGHTS").getGetWeights().getWeightInfosList().stream()
                .anyMatch(w -> w.getRole().equals("ops") && w.getWeight() == 2.5));
        assertEquals(400, jsonCall("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"ops\",\"weight\":0}]}}").statusCode());
        assertEquals(400, jsonCall("{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                + "[{\"role\":\"a/../b\",\"weight\":1}]}}").statusCode());
        assertEquals(400, jsonCall("{\"type\":\"UPDATE_WEIGHTS\"}").statusCode());

        String quota = "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{%s\"quota_configs\":[{\"role\":\"%s\","
                + "\"guarantees\":{\"cpus\":{\"value\":%s}},\"limits\":{\"cpus\":{\"value\":%s}}}]}}";
        assertEquals(200, jsonCall(String.format(quota, "", "ops", "1", "2")).statusCode());
        HttpResponse<byte[]> tooBig = jsonCall(String.format(quota, "", "big", "100", "200"));
        assertEquals(400, tooBig.statusCode());
        assertTrue(new String(tooBig.body(), StandardCharsets.UTF_8).contains("exceed cluster capacity"));
        assertEquals(200, jsonCall(String.format(quota, "\"force\":true,", "big", "100", "200")).statusCode());
        assertEquals("guarantee above limit", 400, jsonCall(String.format(quota, "", "odd", "3", "2")).statusCode());
        io.osmos.proto.v1.quota.QuotaStatus status = jsonRead("GET_QUOTA").getGetQuota().getStatus();
        assertTrue(status.getConfigsList().stream().anyMatch(c -> c.getRole().equals("ops")
                && c.getGuaranteesMap().get("cpus").getValue() == 1 && c.getLimitsMap().get("cpus").getValue() == 2));
        // Removing the forced quota again, so that other tests still get offers.
        assertEquals(200, jsonCall("{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":"
                + "[{\"role\":\"big\"}]}}").statusCode());
        assertTrue(jsonRead("GET_QUOTA").getGetQuota().getStatus().getConfigsList().stream()
                .noneMatch(c -> c.getRole().equals("big")));

        io.osmos.proto.v1.Role ops = jsonRead("GET_ROLES").getGetRoles().getRolesList().stream()
                .filter(r -> r.getName().equals("ops")).findFirst().orElseThrow();
        assertEquals(2.5, ops.getWeight(), 0);
        assertEquals(scheduler.frameworkId(), ops.getFrameworks(0));
        assertEquals(0.1, ops.getResourcesList().stream().filter(r -> r.getName().equals("cpus"))
                .mapToDouble(r -> r.getScalar().getValue()).sum(), 1e-9);
        com.fasterxml.jackson.databind.JsonNode roles = json(get("/roles")).get("roles");
        com.fasterxml.jackson.databind.JsonNode v0ops = null;
        for (com.fasterxml.jackson.databind.JsonNode role : roles) {
            if (role.get("name").asText().equals("ops")) {
                v0ops = role;
            }
        }
        assertEquals(2.5, v0ops.get("weight").asDouble(), 0);
        assertEquals(1.0, v0ops.get("quota").get("guarantee").get("cpus").asDouble(), 0);
        assertEquals(0.1, v0ops.get("allocated").get("cpus").asDouble(), 1e-9);
        assertEquals(200, jsonCall(String.format(quota, "", "ops", "0", "4")).statusCode());
    }

    /** Write calls encoded by Apache Mesos' own classes, as a Mesos operator tool sends them. */
    @Test
    public void writeCallsInProtobufFromApacheMesosClasses() throws Exception {
        Protos.Call weights = Protos.Call.newBuilder().setType(Protos.Call.Type.UPDATE_WEIGHTS)
                .setUpdateWeights(Protos.Call.UpdateWeights.newBuilder().addWeightInfos(
                        org.apache.mesos.v1.Protos.WeightInfo.newBuilder().setRole("pb-role").setWeight(3.5)))
                .build();
        assertEquals(200, raw("/api/v1", PROTOBUF, PROTOBUF, weights.toByteArray()).statusCode());
        Protos.Call getWeights = Protos.Call.newBuilder().setType(Protos.Call.Type.GET_WEIGHTS).build();
        Protos.Response read = Protos.Response.parseFrom(raw("/api/v1", PROTOBUF, PROTOBUF,
                getWeights.toByteArray()).body());
        assertTrue("read your write", read.getGetWeights().getWeightInfosList().stream()
                .anyMatch(w -> w.getRole().equals("pb-role") && w.getWeight() == 3.5));

        Protos.Call quota = Protos.Call.newBuilder().setType(Protos.Call.Type.UPDATE_QUOTA)
                .setUpdateQuota(Protos.Call.UpdateQuota.newBuilder().addQuotaConfigs(
                        org.apache.mesos.v1.quota.Protos.QuotaConfig.newBuilder().setRole("pb-role")
                                .putLimits("mem", org.apache.mesos.v1.Protos.Value.Scalar.newBuilder()
                                        .setValue(512).build())))
                .build();
        assertEquals(200, raw("/api/v1", PROTOBUF, PROTOBUF, quota.toByteArray()).statusCode());
        Protos.Call getQuota = Protos.Call.newBuilder().setType(Protos.Call.Type.GET_QUOTA).build();
        assertTrue(Protos.Response.parseFrom(raw("/api/v1", PROTOBUF, PROTOBUF, getQuota.toByteArray()).body())
                .getGetQuota().getStatus().getConfigsList().stream().anyMatch(c -> c.getRole().equals("pb-role")
                        && c.getLimitsMap().get("mem").getValue() == 512));
        Protos.Call clearQuota = Protos.Call.newBuilder().setType(Protos.Call.Type.UPDATE_QUOTA)
                .setUpdateQuota(Protos.Call.UpdateQuota.newBuilder().addQuotaConfigs(
                        org.apache.mesos.v1.quota.Protos.QuotaConfig.newBuilder().setRole("pb-role")))
                .build();
        assertEquals(200, raw("/api/v1", PROTOBUF, PROTOBUF, clearQuota.toByteArray()).statusCode());

        Protos.Call teardownUnknown = Protos.Call.newBuilder().setType(Protos.Call.Type.TEARDOWN)
                .setTeardown(Protos.Call.Teardown.newBuilder().setFrameworkId(
                        org.apache.mesos.v1.Protos.FrameworkID.newBuilder().setValue("no-such-framework")))
                .build();
        HttpResponse<byte[]> refused = raw("/api/v1", PROTOBUF, PROTOBUF, teardownUnknown.toByteArray());
        assertEquals(400, refused.statusCode());
        assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("No framework found"));
        Protos.Call bareWrite = Protos.Call.newBuilder().setType(Protos.Call.Type.MARK_AGENT_GONE).build();
        assertEquals("a write without its body", 400,
                raw("/api/v1", PROTOBUF, PROTOBUF, bareWrite.toByteArray()).statusCode());
        String framework = scheduler.frameworkId().getValue();
        assertTrue("the framework is untouched", Protos.Response.parseFrom(raw("/api/v1", PROTOBUF, PROTOBUF,
                Protos.Call.newBuilder().setType(Protos.Call.Type.GET_FRAMEWORKS).build().toByteArray()).body())
                .getGetFrameworks().getFrameworksList().stream()
                .anyMatch(f -> f.getFrameworkInfo().getId().getValue().equals(framework)));
    }
}
