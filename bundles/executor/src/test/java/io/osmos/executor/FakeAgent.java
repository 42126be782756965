package io.osmos.executor;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.osmos.http.codec.RecordIO;
import io.osmos.proto.v1.executor.Call;
import io.osmos.proto.v1.executor.Event;

/**
 * A stand-in for the agent's executor API: records every call, streams events to the subscribed
 * executor (one RecordIO record per chunk, like Mesos) and can acknowledge updates by itself.
 */
public final class FakeAgent implements Closeable {

    /** A call as it arrived. */
    public static final class Received {
        public final Call call;
        public final String path;
        public final String contentType;
        public final String accept;
        /** {@link System#nanoTime()} when the call arrived. */
        public final long nanos;

        Received(Call call, String path, String contentType, String accept, long nanos) {
            this.call = call;
            this.path = path;
            this.contentType = contentType;
            this.accept = accept;
            this.nanos = nanos;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> subscribes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Call.Update> updates = new LinkedBlockingQueue<>();
    private final Event subscribed;
    private volatile boolean autoAcknowledge;
    private volatile int rejectStatus;
    private final AtomicInteger rejections = new AtomicInteger();
    private HttpExchange stream;
    private volatile FakeContainers containers;

    /**
     * @param subscribed sent as soon as an executor subscribes, or nothing if null
     */
    public FakeAgent(Event subscribed) throws IOException {
        this(subscribed, 0);
    }

    /** An agent on a given port, e.g. one that comes back after a restart. */
    public FakeAgent(Event subscribed, int port) throws IOException {
        this.subscribed = subscribed;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-agent");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next {@code times} SUBSCRIBE calls with this status and a text body. */
    public FakeAgent rejectSubscribe(int status, int times) {
        rejectStatus = status;
        rejections.set(times);
        return this;
    }

    /** Serves the Operator API's nested-container calls at {@link FakeContainers#PATH} with these. */
    public FakeAgent serveContainers(FakeContainers nested) {
        containers = nested;
        return this;
    }

    public FakeAgent autoAcknowledge(boolean enabled) {
        autoAcknowledge = enabled;
        return this;
    }

    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Received nextSubscribe(long seconds) throws InterruptedException {
        Received received = subscribes.poll(seconds, TimeUnit.SECONDS);
        if (received == null) {
            throw new AssertionError("No SUBSCRIBE within " + seconds + " s");
        }
        return received;
    }

    public Call.Update nextUpdate(long seconds) throws InterruptedException {
        Call.Update update = updates.poll(seconds, TimeUnit.SECONDS);
        if (update == null) {
            throw new AssertionError("No UPDATE within " + seconds + " s");
        }
        return update;
    }

    public Call.Update pollUpdate(long millis) throws InterruptedException {
        return updates.poll(millis, TimeUnit.MILLISECONDS);
    }

    public void send(Event event) throws IOException {
        sendRaw(RecordIO.frame(event.toByteArray()));
    }

    public synchronized void sendRaw(byte[] bytes) throws IOException {
        if (stream == null) {
            throw new IOException("No executor subscribed");
        }
        OutputStream out = stream.getResponseBody();
        out.write(bytes);
        out.flush();
    }

    public void acknowledge(Call.Update update) throws IOException {
        send(Events.acknowledged(update));
    }

    /** Ends the event stream cleanly, as an agent that closes the connection. */
    public synchronized void dropStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() {
        if (containers != null) {
            containers.close();
        }
        dropStream();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        FakeContainers nested = containers;
        if (nested != null && FakeContainers.PATH.equals(exchange.getRequestURI().getPath())) {
            nested.handle(exchange);
            return;
        }
        long now = System.nanoTime();
        Call call;
        try (InputStream in = exchange.getRequestBody()) {
            call = Call.parseFrom(in.readAllBytes());
        } catch (IOException e) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Received received = new Received(call, path, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"), now);
        if (call.getType() == Call.Type.SUBSCRIBE && rejections.getAndDecrement() > 0) {
            byte[] reason = "Executor is not known".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(rejectStatus, reason.length);
            exchange.getResponseBody().write(reason);
            exchange.close();
            subscribes.add(received);
            return;
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            exchange.getResponseHeaders().set("Content-Type", AgentHttp.PROTOBUF);
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().flush();
            synchronized (this) {
                if (stream != null) {
                    stream.close();
                }
                stream = exchange;
            }
            if (subscribed != null) {
                send(subscribed);
            }
            subscribes.add(received);
            return;
        }
        if (call.getType() == Call.Type.UPDATE) {
            // Acknowledged before a test can see the update, so that it knows the ack is on its way.
            if (autoAcknowledge) {
                try {
                    acknowledge(call.getUpdate());
                } catch (IOException e) {
                    // The executor went away meanwhile; the test will notice.
                }
            }
            // Recorded before the answer: the executor sends its next call only after it, so the
            // updates are seen in the order they were sent.
            updates.add(call.getUpdate());
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }
}
