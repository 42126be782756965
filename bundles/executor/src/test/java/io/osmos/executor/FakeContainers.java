package io.osmos.executor;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

import io.osmos.proto.v1.TaskResourceLimitation;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.agent.Call;
import io.osmos.proto.v1.agent.Response;

/**
 * The agent's Operator API for nested containers, as a {@link FakeAgent} serves it at
 * {@code /slave(1)/api/v1}: LAUNCH_CONTAINER really runs the command with {@code /bin/sh -c} in
 * {@code <sandbox>/containers/<id>}, WAIT_CONTAINER answers with its wait(2) status when it ends,
 * KILL_CONTAINER signals its process tree.
 */
public final class FakeContainers implements Closeable {

    public static final String PATH = "/slave(1)/api/v1";
    public static final String MEMORY_LIMIT_MESSAGE = "Memory limit exceeded: Requested: 32MB Maximum Used: 40MB";

    /** An agent API call as it arrived. */
    public static final class Received {
        public final Call call;
        public final String contentType;
        public final String accept;
        public final long nanos;

        Received(Call call, String contentType, String accept, long nanos) {
            this.call = call;
            this.contentType = contentType;
            this.accept = accept;
            this.nanos = nanos;
        }
    }

    private static final class Container {
        final Process process;
        volatile boolean overMemoryLimit;

        Container(Process process) {
            this.process = process;
        }
    }

    private final Path sandbox;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final BlockingQueue<Received> calls = new LinkedBlockingQueue<>();
    private volatile String rejectedCommand;
    private volatile String memoryHungryCommand;
    private final java.util.concurrent.atomic.AtomicInteger waitsToDrop = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger launchesAway = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger waitsAway = new java.util.concurrent.atomic.AtomicInteger();

    /** @param sandbox the executor's sandbox */
    public FakeContainers(Path sandbox) {
        this.sandbox = sandbox;
    }

    /** LAUNCH_CONTAINER of this command is answered 400 with a text body. */
    public FakeContainers rejectLaunchOf(String command) {
        rejectedCommand = command;
        return this;
    }

    /** A container running this command is killed as over its memory limit shortly after it starts. */
    public FakeContainers exceedMemoryLimitWith(String command) {
        memoryHungryCommand = command;
        return this;
    }

    /** The next WAIT_CONTAINER calls lose their connection without an answer, as when the agent restarts. */
    public FakeContainers dropWaits(int times) {
        waitsToDrop.set(times);
        return this;
    }

    public Received nextCall(long seconds) throws InterruptedException {
        Received received = calls.poll(seconds, TimeUnit.SECONDS);
        if (received == null) {
            throw new AssertionError("No agent API call within " + seconds + " s");
        }
        return received;
    }

    /** The next call of that type, skipping others. */
    public Received nextCall(Call.Type type, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Received received = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (received == null) {
                throw new AssertionError("No " + type + " within " + seconds + " s");
            }
            if (received.call.getType() == type) {
                return received;
            }
        }
    }

    /** The next {@code launches} LAUNCH_CONTAINER and {@code waits} WAIT_CONTAINER calls find the agent away (a bundle update). */
    public void awayFor(int launches, int waits) {
        launchesAway.set(launches);
        waitsAway.set(waits);
    }

    void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        Call call;
        try (InputStream in = exchange.getRequestBody()) {
            call = Call.parseFrom(in.readAllBytes());
        }
        calls.add(new Received(call, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"), now));
        if ((call.getType() == Call.Type.LAUNCH_CONTAINER && launchesAway.getAndDecrement() > 0)
                || (call.getType() == Call.Type.WAIT_CONTAINER && waitsAway.getAndDecrement() > 0)) {
            // What the HTTP server answers while the agent's routes are gone.
            answer(exchange, 404, "No route for /slave(1)/api/v1");
            return;
        }
        switch (call.getType()) {
            case LAUNCH_CONTAINER: launch(exchange, call.getLaunchContainer()); break;
            case WAIT_CONTAINER: await(exchange, call.getWaitContainer().getContainerId().getValue()); break;
            case KILL_CONTAINER: kill(exchange, call.getKillContainer()); break;
            default: answer(exchange, 400, "Unsupported call " + call.getType()); break;
        }
    }

    private void launch(HttpExchange exchange, Call.LaunchContainer launch) throws IOException {
        String id = launch.getContainerId().getValue();
        String command = launch.getCommand().getValue();
        if (containers.containsKey(id)) {
            answer(exchange, 202, null);
            return;
        }
        if (command.equals(rejectedCommand)) {
            answer(exchange, 400, "Failed to launch container: bad command");
            return;
        }
        Path directory = sandbox.resolve("containers").resolve(id);
        Files.createDirectories(directory);
        Process process = new ProcessBuilder("/bin/sh", "-c", command).directory(directory.toFile())
                .redirectOutput(directory.resolve("stdout").toFile())
                .redirectError(directory.resolve("stderr").toFile()).start();
        Container container = new Container(process);
        containers.put(id, container);
        if (command.equals(memoryHungryCommand)) {
            Thread oom = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                container.overMemoryLimit = true;
                ProcessTrees.killNow(process.toHandle());
            }, "fake-oom-killer");
            oom.setDaemon(true);
            oom.start();
        }
        answer(exchange, 200, null);
    }

    private void await(HttpExchange exchange, String id) throws IOException {
        Container container = containers.get(id);
        if (container == null) {
            answer(exchange, 404, "Container " + id + " not found");
            return;
        }
        if (waitsToDrop.getAndDecrement() > 0) {
            exchange.close();
            return;
        }
        int exitValue;
        try {
            exitValue = container.process.onExit().get().exitValue();
        } catch (InterruptedException | ExecutionException e) {
            answer(exchange, 503, "Agent shutting down");
            return;
        }
        // The JDK reports death by signal n as 128 + n; wait(2) puts n in the low bits, an exit code above them.
        int waitStatus = exitValue > 128 && exitValue <= 128 + 64 ? exitValue - 128 : exitValue << 8;
        Response.WaitContainer.Builder wait = Response.WaitContainer.newBuilder().setExitStatus(waitStatus);
        if (container.overMemoryLimit) {
            wait.setState(TaskState.TASK_FAILED).setReason(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY)
                    .setMessage(MEMORY_LIMIT_MESSAGE).setLimitation(TaskResourceLimitation.getDefaultInstance());
        }
        byte[] body = Response.newBuilder().setType(Response.Type.WAIT_CONTAINER).setWaitContainer(wait).build().toByteArray();
        exchange.getResponseHeaders().set("Content-Type", AgentHttp.PROTOBUF);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void kill(HttpExchange exchange, Call.KillContainer kill) throws IOException {
        Container container = containers.get(kill.getContainerId().getValue());
        if (container == null) {
            answer(exchange, 404, "Container not found");
            return;
        }
        ProcessHandle root = container.process.toHandle();
        if (kill.getSignal() == 9) {
            ProcessTrees.killNow(root);
        } else {
            root.descendants().forEach(ProcessHandle::destroy);
            root.destroy();
        }
        answer(exchange, 200, null);
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        if (text == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Kills every container's process tree. */
    @Override
    public void close() {
        containers.values().forEach(container -> ProcessTrees.killNow(container.process.toHandle()));
    }
}
