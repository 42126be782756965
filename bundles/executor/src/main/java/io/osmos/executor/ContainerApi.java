package io.osmos.executor;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.agent.Call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor's client of the agent's v1 Operator API ({@code /slave(1)/api/v1}, on the
 * executor API's port or socket): LAUNCH_CONTAINER, WAIT_CONTAINER and KILL_CONTAINER for the
 * tasks' nested containers. The calls block on threads of their own; answers come back on the actor
 * as the HTTP response, or the I/O failure that prevented one.
 */
final class ContainerApi {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerApi.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    // Launching may fetch and provision first; the agent answers when the container runs.
    private static final Duration LAUNCH_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_WAIT_ANSWER = 1 << 20;

    private final Actor actor;
    private final AgentHttp http;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "agent-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<AgentHttp.Stream> waits = ConcurrentHashMap.newKeySet();

    ContainerApi(ExecutorConfig config, Actor actor) {
        this.actor = actor;
        this.http = new AgentHttp(config.endpoint, config.endpoint.agentApiPath(), config.authenticationToken,
                actor.timer());
    }

    /** LAUNCH_CONTAINER with the task's command, resources, limits and container info. */
    void launch(ContainerID containerId, TaskInfo task, BiConsumer<AgentHttp.Response, IOException> answer) {
        Call.LaunchContainer.Builder launch = Call.LaunchContainer.newBuilder()
                .setContainerId(containerId)
                .setCommand(task.getCommand())
                .addAllResources(task.getResourcesList())
                .putAllLimits(task.getLimitsMap());
        if (task.hasContainer()) {
            launch.setContainer(task.getContainer());
        }
        byte[] body = Call.newBuilder().setType(Call.Type.LAUNCH_CONTAINER).setLaunchContainer(launch).build().toByteArray();
        run(answer, () -> http.post(body, LAUNCH_TIMEOUT));
    }

    /** WAIT_CONTAINER: a long poll that the agent answers when the container has ended. */
    void waitFor(ContainerID containerId, BiConsumer<AgentHttp.Response, IOException> answer) {
        byte[] body = Call.newBuilder().setType(Call.Type.WAIT_CONTAINER)
                .setWaitContainer(Call.WaitContainer.newBuilder().setContainerId(containerId)).build().toByteArray();
        run(answer, () -> {
            AgentHttp.Stream stream = http.longPoll(body, CONNECT_TIMEOUT);
            waits.add(stream);
            try {
                return new AgentHttp.Response(stream.head.status, stream.body(MAX_WAIT_ANSWER));
            } finally {
                waits.remove(stream);
                stream.close();
            }
        });
    }

    /** KILL_CONTAINER with the signal; a failure is only logged (the escalation to SIGKILL retries). */
    void kill(ContainerID containerId, int signal) {
        byte[] body = Call.newBuilder().setType(Call.Type.KILL_CONTAINER).setKillContainer(Call.KillContainer.newBuilder()
                .setContainerId(containerId).setSignal(signal)).build().toByteArray();
        run((response, failure) -> {
            if (failure != null) {
                LOG.warn("Could not send signal {} to container {}: {}", signal, containerId.getValue(), failure.toString());
            } else if (response.status == 404) {
                LOG.info("Container {} is already gone", containerId.getValue());
            } else if (response.status != 200) {
                LOG.warn("Agent answered KILL_CONTAINER {} (signal {}) with {}: {}", containerId.getValue(), signal,
                        response.status, response.bodyText());
            }
        }, () -> http.post(body, KILL_TIMEOUT));
    }

    /**
     * Whether the call did not reach the agent's API: no connection, or an answer from the transport
     * while the agent itself is away (a bundle update): 503, the socket's 403, the server's "No route".
     * Such a call is made again once the executor is subscribed to the agent's successor.
     */
    static boolean agentAway(AgentHttp.Response response, IOException failure) {
        return failure != null || response.status == 503 || response.status == 403
                || (response.status == 404 && response.bodyText().startsWith("No route"));
    }

    /** Abandons the outstanding waits and stops calling. */
    void close() {
        calls.shutdownNow();
        waits.forEach(AgentHttp.Stream::close);
    }

    private interface Exchange {
        AgentHttp.Response call() throws IOException;
    }

    private void run(BiConsumer<AgentHttp.Response, IOException> answer, Exchange exchange) {
        try {
            calls.execute(() -> {
                try {
                    AgentHttp.Response response = exchange.call();
                    actor.execute(() -> answer.accept(response, null));
                } catch (IOException e) {
                    actor.execute(() -> answer.accept(null, e));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Executor stopped; not calling the agent");
        }
    }
}
