package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.osmos.http.codec.RecordIOReader;

import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Clients that know nothing of Osmos run a task on {@code bin/osmos local}: one built on Apache
 * Mesos' own v1 protobuf classes, one speaking plain JSON as the Mesos docs show it.
 */
public class MesosClientTest {

    private static LocalClusterProcess cluster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeClass
    public static void start() throws Exception {
        cluster = new LocalClusterProcess("--resources=cpus:2;mem:1024");
        cluster.awaitAgent();
    }

    @AfterClass
    public static void stop() throws Exception {
        cluster.close();
    }

    /** An event stream read on its own thread, records decoded by the given function. */
    private <T> LinkedBlockingQueue<T> stream(InputStream in, Function<byte[], T> decode) {
        LinkedBlockingQueue<T> events = new LinkedBlockingQueue<>();
        RecordIOReader reader = new RecordIOReader(1 << 24, bytes -> events.add(decode.apply(bytes)));
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    reader.feed(buffer, 0, n);
                }
            } catch (IOException e) {
                // stream over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return events;
    }

    private HttpResponse<InputStream> post(String type, byte[] body, String streamId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.masterPort
                + "/api/v1/scheduler")).header("Content-Type", type).header("Accept", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (streamId != null) {
            request.header("Mesos-Stream-Id", streamId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static <T> T next(LinkedBlockingQueue<T> events, java.util.function.Predicate<T> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            T event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("No matching event within 30 s");
    }

    @Test
    public void aClientOnMesosOwnClassesRunsATaskOverProtobuf() throws Exception {
        String type = "application/x-protobuf";
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(Protos.FrameworkInfo.newBuilder().setUser("root").setName("mesos-java-client")))
                .build();
        HttpResponse<InputStream> response = post(type, subscribe.toByteArray(), null);
        assertEquals(200, response.statusCode());
        String streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        LinkedBlockingQueue<Event> events = stream(response.body(), bytes -> parse(bytes));

        Protos.FrameworkID framework = next(events, e -> e.getType() == Event.Type.SUBSCRIBED).getSubscribed()
                .getFrameworkId();
        Protos.Offer offer = next(events, e -> e.getType() == Event.Type.OFFERS).getOffers().getOffers(0);
        Protos.TaskInfo task = Protos.TaskInfo.newBuilder().setName("mesos-task")
                .setTaskId(Protos.TaskID.newBuilder().setValue("mesos-task")).setAgentId(offer.getAgentId())
                .addResources(Protos.Resource.newBuilder().setName("cpus").setType(Protos.Value.Type.SCALAR)
                        .setScalar(Protos.Value.Scalar.newBuilder().setValue(0.5)))
                .addResources(Protos.Resource.newBuilder().setName("mem").setType(Protos.Value.Type.SCALAR)
                        .setScalar(Protos.Value.Scalar.newBuilder().setValue(64)))
                .setCommand(Protos.CommandInfo.newBuilder().setValue("echo from-mesos-classes")).build();
        Call accept = Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(framework)
                .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOperations(
                        Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
                                .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(task))))
                .build();
        assertEquals(202, post(type, accept.toByteArray(), streamId).statusCode());

        Protos.TaskState last = null;
        while (last != Protos.TaskState.TASK_FINISHED) {
            Protos.TaskStatus status = next(events, e -> e.getType() == Event.Type.UPDATE).getUpdate().getStatus();
            last = status.getState();
            assertTrue("unexpected " + last + ": " + status.getMessage(), last == Protos.TaskState.TASK_STARTING
                    || last == Protos.TaskState.TASK_RUNNING || last == Protos.TaskState.TASK_FINISHED);
            Call ack = Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(framework)
                    .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(status.getAgentId())
                            .setTaskId(status.getTaskId()).setUuid(status.getUuid()))
                    .build();
            assertEquals(202, post(type, ack.toByteArray(), streamId).statusCode());
        }
        post(type, Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(framework).build().toByteArray(),
                streamId);
    }

    @Test
    public void aJsonClientRunsATaskAsTheMesosDocsShow() throws Exception {
        String type = "application/json";
        HttpResponse<InputStream> response = post(type, ("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
                + "{\"user\":\"root\",\"name\":\"json-client\"}}}").getBytes(StandardCharsets.UTF_8), null);
        assertEquals(200, response.statusCode());
        String streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        LinkedBlockingQueue<String> events = stream(response.body(), bytes -> new String(bytes, StandardCharsets.UTF_8));

        String subscribed = next(events, e -> e.startsWith("{\"type\":\"SUBSCRIBED\""));
        String frameworkId = field(subscribed, "\"framework_id\":{\"value\":\"");
        String offers = next(events, e -> e.startsWith("{\"type\":\"OFFERS\""));
        String offerId = field(offers, "\"id\":{\"value\":\"");
        String agentId = field(offers, "\"agent_id\":{\"value\":\"");
        String accept = "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"accept\":{"
                + "\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{"
                + "\"task_infos\":[{\"name\":\"json-task\",\"task_id\":{\"value\":\"json-task\"},\"agent_id\":{\"value\":\""
                + agentId + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5}},"
                + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64}}],"
                + "\"command\":{\"value\":\"echo from-json\"}}]}}]}}";
        assertEquals(202, post(type, accept.getBytes(StandardCharsets.UTF_8), streamId).statusCode());

        String update;
        do {
            update = next(events, e -> e.startsWith("{\"type\":\"UPDATE\""));
            assertTrue(update, update.contains("\"task_id\":{\"value\":\"json-task\"}"));
            assertTrue("uuid is Base64 in JSON: " + update, update.matches(".*\"uuid\":\"[A-Za-z0-9+/=]+\".*"));
            String ack = "{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"" + frameworkId + "\"},"
                    + "\"acknowledge\":{\"agent_id\":{\"value\":\"" + agentId + "\"},\"task_id\":{\"value\":\"json-task\"},"
                    + "\"uuid\":\"" + field(update, "\"uuid\":\"") + "\"}}";
            assertEquals(202, post(type, ack.getBytes(StandardCharsets.UTF_8), streamId).statusCode());
        } while (!update.contains("\"state\":\"TASK_FINISHED\""));
        post(type, ("{\"type\":\"TEARDOWN\",\"framework_id\":{\"value\":\"" + frameworkId + "\"}}")
                .getBytes(StandardCharsets.UTF_8), streamId);
    }

    private static Event parse(byte[] bytes) {
        try {
            return Event.parseFrom(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        assertTrue("no " + prefix + " in " + json, start >= 0);
        start += prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
