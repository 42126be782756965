package io.osmos.master.impl;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.HttpRoutes;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.Replies;
import io.osmos.http.api.Route;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master side of the agent channel ({@code POST /master/internal/agent}): agents subscribe
 * and keep a RecordIO event stream open; the master heartbeats every stream so that both sides
 * notice a dead connection.
 */
@Component(service = HttpRoutes.class, property = HttpRoutes.SERVER + "=master")
public final class AgentChannel implements HttpRoutes {

    static final String PATH = "/master/internal/agent";
    static final String STREAM_ID_HEADER = "Osmos-Agent-Stream-Id";
    private static final Logger LOG = LoggerFactory.getLogger(AgentChannel.class);

    private final Master master;
    private final AgentStreams streams;
    private final ScheduledFuture<?> heartbeats;

    @Activate
    public AgentChannel(@Reference Master master) {
        this.master = master;
        this.streams = master.streams();
        long periodMillis = (long) (master.config().agent_heartbeat_interval() * 1000);
        this.heartbeats = master.loop().every(periodMillis, TimeUnit.MILLISECONDS, this::heartbeat);
    }

    @Deactivate
    void stop() {
        heartbeats.cancel(false);
        // Agents see their stream end and re-subscribe, to this channel's successor if there is one.
        streams.closeAll();
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.exact(PATH, this::handle));
    }

    private void handle(HttpServerRequest request, Buffer body) {
        if (!master.recovered()) {
            // As Mesos drops agents' messages until it has recovered: the agent retries after a back-off.
            Replies.error(request, 503, MasterRecovery.NOT_RECOVERED);
            return;
        }
        ApiCalls.read(request, body, AgentCall.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<AgentCall> call) {
        if (call.call().getType() == AgentCall.Type.SUBSCRIBE) {
            if (call.call().hasSubscribe()) {
                subscribe(call);
            } else {
                Replies.badRequest(call.request(), "Expecting 'subscribe' to be present");
            }
            return;
        }
        String streamId = call.request().getHeader(STREAM_ID_HEADER);
        String agentId = call.call().getAgentId().getValue();
        master.loop().submit(() -> {
            AgentStream stream = streams.of(agentId).orElse(null);
            if (stream == null || !stream.streamId().equals(streamId)) {
                return CallResult.forbidden("Agent " + agentId + " is not subscribed on stream " + streamId);
            }
            return master.agentLifecycle().call(agentId, call.call());
        }).whenComplete((result, error) -> CallResult.reply(call.request(), call.call().getType().name(), result, error));
    }

    private void subscribe(ApiCall<AgentCall> call) {
        AgentCall.Subscribe subscribe = call.call().getSubscribe();
        String streamId = UUID.randomUUID().toString();
        HttpServerRequest request = call.request();
        request.response().putHeader(STREAM_ID_HEADER, streamId);
        RecordIOStream events = new RecordIOStream(request, call.responseType());
        long now = System.currentTimeMillis() * 1_000_000L;
        master.loop().submit(() -> {
            if (subscribe.getAgentInfo().hasId() && master.maintenance().isGone(subscribe.getAgentInfo().getId().getValue())) {
                return java.util.concurrent.CompletableFuture.<AgentStream>completedFuture(null);
            }
            boolean known = subscribe.getAgentInfo().hasId()
                    && master.agents().get(subscribe.getAgentInfo().getId().getValue()).isPresent();
            AgentRecord record = master.agents().subscribe(subscribe.getAgentInfo(), subscribe.getCapabilitiesList(),
                    subscribe.getVersion(), subscribe.getEndpoint(), streamId, now);
            AgentStream stream = AgentStream.held(record.id(), streamId, events);
            streams.open(stream);
            stream.onClose(() -> onClose(stream));
            master.agentLifecycle().subscribed(record, known, subscribe);
            // The agent is told it is registered once the registry holds it, as Mesos' registrar admits it;
            // what is sent to it meanwhile waits in its stream.
            return master.recovery().admitted(record).thenApply(durable -> stream);
        }).thenCompose(durable -> durable).whenCompleteAsync((stream, error) -> {
                    if (error != null) {
                        // The agent sees its stream end and subscribes again after its back-off.
                        LOG.error("Agent {} could not be admitted: {}", subscribe.getAgentInfo().getId().getValue(),
                                error.toString());
                        events.close();
                        return;
                    }
                    if (stream == null) {
                        LOG.warn("Refused agent {}: it was marked gone", subscribe.getAgentInfo().getId().getValue());
                        events.send(AgentEvent.newBuilder().setType(AgentEvent.Type.ERROR).setError(AgentEvent.Error
                                .newBuilder().setMessage("Agent has been marked gone by the operator")).build());
                        events.close();
                        return;
                    }
                    java.util.Optional<AgentRecord> admitted = master.agents().get(stream.agentId());
                    if (admitted.isEmpty()) {
                        stream.close();
                        return;
                    }
                    stream.release(subscribed(admitted.get()));
                }, master.loop()::execute);
    }

    private void onClose(AgentStream stream) {
        if (streams.closed(stream)) {
            master.loop().execute(() -> {
                master.agents().streamClosed(stream.agentId(), stream.streamId());
                master.agentLifecycle().disconnected(stream.agentId());
            });
        }
    }

    private AgentEvent subscribed(AgentRecord record) {
        return AgentEvent.newBuilder().setType(AgentEvent.Type.SUBSCRIBED)
                .setSubscribed(AgentEvent.Subscribed.newBuilder().setAgentId(record.info().getId())
                        .setHeartbeatIntervalSeconds(master.config().agent_heartbeat_interval())
                        .setMasterInfo(master.info()))
                .build();
    }

    private void heartbeat() {
        AgentEvent beat = AgentEvent.newBuilder().setType(AgentEvent.Type.HEARTBEAT).build();
        for (AgentStream stream : streams.all()) {
            if (!stream.send(beat)) {
                LOG.debug("Heartbeat to agent {} found its stream closed", stream.agentId());
                onClose(stream);
            }
        }
    }
}
