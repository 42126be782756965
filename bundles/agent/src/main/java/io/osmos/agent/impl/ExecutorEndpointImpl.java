package io.osmos.agent.impl;

import io.osmos.agent.api.ExecutorEndpoint;
import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.RecordIOStream;
import io.osmos.http.api.Replies;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.executor.Call;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The v1 Executor API of this agent, served by every active executor transport. */
@Component(service = ExecutorEndpoint.class)
public final class ExecutorEndpointImpl implements ExecutorEndpoint {

    private final Agent agent;

    @Activate
    public ExecutorEndpointImpl(@Reference Agent agent) {
        this.agent = agent;
    }

    @Override
    public String agentAddress() {
        return agent.address();
    }

    @Override
    public void disconnect(boolean domainSocket) {
        agent.loop().execute(() -> {
            for (java.util.Map<String, ExecutorRun> runs : agent.tasks().executors.values()) {
                for (ExecutorRun run : runs.values()) {
                    if (run.stream != null && run.streamOverDomainSocket == domainSocket) {
                        run.stream.close();
                    }
                }
            }
        });
    }

    @Override
    public void handle(HttpServerRequest request, Buffer body) {
        ApiCalls.read(request, body, Call.getDefaultInstance()).ifPresent(this::dispatch);
    }

    private void dispatch(ApiCall<Call> call) {
        HttpServerRequest request = call.request();
        Call c = call.call();
        switch (c.getType()) {
            case SUBSCRIBE -> subscribe(call);
            case UPDATE -> agent.loop().submit(() -> update(c)).whenComplete((problem, error) -> reply(request, problem, error));
            case MESSAGE -> {
                agent.toMaster(AgentCall.newBuilder().setType(AgentCall.Type.EXECUTOR_MESSAGE)
                        .setExecutorMessage(AgentCall.ExecutorMessage.newBuilder().setFrameworkId(c.getFrameworkId())
                                .setExecutorId(c.getExecutorId()).setData(c.getMessage().getData()))
                        .build());
                request.response().setStatusCode(202).end();
            }
            case HEARTBEAT -> request.response().setStatusCode(202).end();
            default -> Replies.badRequest(request, "Failed to validate executor::Call: Expecting 'type' to be present");
        }
    }

    private void subscribe(ApiCall<Call> call) {
        if (!call.call().hasSubscribe()) {
            Replies.badRequest(call.request(), "Failed to validate executor::Call: Expecting 'subscribe' to be present");
            return;
        }
        agent.loop().submit(() -> {
            ExecutorRun run = agent.tasks().run(call.call().getFrameworkId().getValue(),
                    call.call().getExecutorId().getValue());
            if (run == null || run.state == ExecutorRun.State.TERMINATED) {
                return "Executor " + call.call().getExecutorId().getValue() + " is not known to this agent";
            }
            RecordIOStream stream = new RecordIOStream(call.request(), call.responseType());
            stream.onClose(() -> agent.loop().execute(() -> {
                if (run.stream == stream) {
                    run.stream = null;
                }
            }));
            String problem = agent.tasks().subscribed(call.call(), stream);
            run.streamOverDomainSocket = call.request().localAddress() != null
                    && call.request().localAddress().isDomainSocket();
            return problem;
        }).whenComplete((problem, error) -> {
            if (error != null || problem != null) {
                reply(call.request(), problem, error);
            }
        });
    }

    private String update(Call call) {
        if (!call.hasUpdate()) {
            return "Expecting 'update' to be present";
        }
        if (!call.getUpdate().getStatus().hasUuid()) {
            return "Expecting 'uuid' to be present";
        }
        ExecutorRun run = agent.tasks().run(call.getFrameworkId().getValue(), call.getExecutorId().getValue());
        if (run == null) {
            return "Executor " + call.getExecutorId().getValue() + " is not known to this agent";
        }
        agent.tasks().update(run, call.getUpdate().getStatus());
        return null;
    }

    private static void reply(HttpServerRequest request, String problem, Throwable error) {
        if (error != null) {
            Replies.error(request, 500, "Failed to handle the executor call: " + error.getMessage());
        } else if (problem != null) {
            Replies.badRequest(request, "Failed to validate executor::Call: " + problem);
        } else {
            request.response().setStatusCode(202).end();
        }
    }
}
