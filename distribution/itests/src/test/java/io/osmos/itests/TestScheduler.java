package io.osmos.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.osmos.http.codec.ContentNegotiation;
import io.osmos.http.codec.MediaType;
import io.osmos.http.codec.RecordIOReader;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

/**
 * A framework for tests: subscribes over real HTTP in JSON or protobuf, reads the RecordIO event
 * stream on its own thread, and sends calls with the stream id, as a Mesos scheduler does.
 */
final class TestScheduler implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final MediaType type;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    // Updates passed over while awaiting other tasks, for a later awaitState of their own task.
    private final List<TaskStatus> keptUpdates = new ArrayList<>();
    private volatile InputStream stream;
    private String streamId;
    private FrameworkID frameworkId;

    TestScheduler(String masterPort, MediaType type) {
        this.uri = URI.create("http://127.0.0.1:" + masterPort + "/api/v1/scheduler");
        this.type = type;
    }

    FrameworkID subscribe(FrameworkInfo info) throws Exception {
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", type.value())
                .header("Accept", type.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContentNegotiation.encode(type, subscribe))).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("SUBSCRIBE answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        stream = response.body();
        Thread reader = new Thread(this::read, "test-scheduler-" + info.getName());
        reader.setDaemon(true);
        reader.start();
        Event subscribed = await(e -> e.getType() == Event.Type.SUBSCRIBED, 10);
        frameworkId = subscribed.getSubscribed().getFrameworkId();
        return frameworkId;
    }

    private void read() {
        RecordIOReader records = new RecordIOReader(64 << 20,
                bytes -> events.add(ContentNegotiation.decode(type, bytes, Event.getDefaultInstance())));
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = stream.read(buffer)) > 0;) {
                records.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            // The stream ended: the test sees no more events.
        }
    }

    FrameworkID frameworkId() {
        return frameworkId;
    }

    /** Sends a call (framework id and stream id filled in); returns the HTTP status and body. */
    HttpResponse<String> send(Call.Builder call) throws Exception {
        Call complete = call.setFrameworkId(frameworkId).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", type.value()).header("Accept", type.value())
                .header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContentNegotiation.encode(type, complete))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the next event that matches, keeping the ones passed over for later {@link #seen()}. */
    Event await(Predicate<Event> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("No matching event within " + seconds + " s; saw " + summary());
            }
            seen.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every offer not yet used among the events passed over so far, or else the next offers to come. */
    List<Offer> unusedOffers(java.util.Set<String> used, int seconds) throws InterruptedException {
        List<Offer> unused = new ArrayList<>();
        for (Event event : List.copyOf(seen)) {
            if (event.getType() == Event.Type.OFFERS) {
                event.getOffers().getOffersList().stream().filter(o -> used.add(o.getId().getValue())).forEach(unused::add);
            }
        }
        while (unused.isEmpty()) {
            await(e -> e.getType() == Event.Type.OFFERS, seconds).getOffers().getOffersList().stream()
                    .filter(o -> used.add(o.getId().getValue())).forEach(unused::add);
        }
        return unused;
    }

    /** Fails if a matching event arrives within the time. */
    void assertNone(Predicate<Event> unwanted, int seconds, String why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left; (left = deadline - System.nanoTime()) > 0;) {
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null) {
                seen.add(event);
                if (unwanted.test(event)) {
                    throw new AssertionError(why + ": got " + event.getType() + "; saw " + summary());
                }
            }
        }
    }

    /** The next event within the time, or null; kept among those {@link #summary()} lists. */
    Event poll(long millis) throws InterruptedException {
        Event event = events.poll(millis, TimeUnit.MILLISECONDS);
        if (event != null) {
            seen.add(event);
        }
        return event;
    }

    /** Forgets the events received so far, so that the next await sees only what comes after. */
    void drain() {
        events.drainTo(seen);
    }

    /**
     * Waits for the status update of a task in a state, acknowledging that task's updates on the way.
     * Other tasks' updates that arrive meanwhile are kept, unacknowledged, for their own awaits.
     */
    TaskStatus awaitState(String taskId, io.osmos.proto.v1.TaskState state, int seconds) throws Exception {
        return awaitStates(java.util.Map.of(taskId, state), seconds).get(taskId);
    }

    /**
     * Waits until every task named has had an update in its state, whatever order they come in,
     * acknowledging these tasks' updates on the way; returns those updates by task id.
     */
    java.util.Map<String, TaskStatus> awaitStates(java.util.Map<String, io.osmos.proto.v1.TaskState> states, int seconds)
            throws Exception {
        java.util.Map<String, TaskStatus> reached = new java.util.HashMap<>();
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (reached.size() < states.size()) {
            TaskStatus status = nextUpdate(states.keySet(), deadline);
            if (status == null) {
                throw new AssertionError("Tasks did not reach " + states + " (reached " + reached.keySet() + "); saw "
                        + summary());
            }
            acknowledge(status);
            String id = status.getTaskId().getValue();
            if (status.getState() == states.get(id)) {
                reached.put(id, status);
            }
        }
        return reached;
    }

    /** The next update of this task, whatever its state, acknowledged. */
    TaskStatus nextUpdate(String taskId, int seconds) throws Exception {
        TaskStatus status = nextUpdate(java.util.Set.of(taskId), System.currentTimeMillis() + seconds * 1000L);
        if (status == null) {
            throw new AssertionError("No update of " + taskId + " within " + seconds + " s; saw " + summary());
        }
        acknowledge(status);
        return status;
    }

    /** The next update of one of these tasks, kept from before or new; null at the deadline. */
    private TaskStatus nextUpdate(java.util.Set<String> taskIds, long deadline) throws InterruptedException {
        for (java.util.Iterator<TaskStatus> kept = keptUpdates.iterator(); kept.hasNext();) {
            TaskStatus status = kept.next();
            if (taskIds.contains(status.getTaskId().getValue())) {
                kept.remove();
                return status;
            }
        }
        while (true) {
            long left = deadline - System.currentTimeMillis();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.MILLISECONDS);
            if (event == null) {
                return null;
            }
            seen.add(event);
            if (event.getType() == Event.Type.UPDATE) {
                TaskStatus status = event.getUpdate().getStatus();
                if (taskIds.contains(status.getTaskId().getValue())) {
                    return status;
                }
                keptUpdates.add(status);
            }
        }
    }

    void acknowledge(TaskStatus status) throws Exception {
        if (status.hasUuid()) {
            send(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                    .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())));
        }
    }

    String summary() {
        StringBuilder out = new StringBuilder();
        for (Event event : seen) {
            out.append(event.getType());
            if (event.getType() == Event.Type.UPDATE) {
                out.append('(').append(event.getUpdate().getStatus().getTaskId().getValue()).append(' ')
                        .append(event.getUpdate().getStatus().getState()).append(' ')
                        .append(event.getUpdate().getStatus().getMessage()).append(')');
            }
            out.append(' ');
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        InputStream in = stream;
        if (in != null) {
            in.close();
        }
    }
}
