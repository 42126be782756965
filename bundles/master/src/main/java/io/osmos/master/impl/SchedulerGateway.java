package io.osmos.master.impl;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.osmos.http.api.RecordIOStream;
import io.osmos.master.api.CallOutcome;
import io.osmos.master.api.SchedulerService;
import io.osmos.proto.v1.scheduler.Call;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The master's side of the v1 Scheduler API: checks a call against the master's state and runs it on its loop. */
@Component(service = SchedulerService.class)
public final class SchedulerGateway implements SchedulerService {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerGateway.class);

    private final Master master;

    @Activate
    public SchedulerGateway(@Reference Master master) {
        this.master = master;
    }

    @Override
    public boolean recovered() {
        return master.recovered();
    }

    @Override
    public CompletionStage<CallOutcome> subscribe(Call call, Function<String, RecordIOStream> open) {
        String problem = call.getType() == Call.Type.SUBSCRIBE ? CallValidation.validate(call) : "Not a SUBSCRIBE call";
        Call.Subscribe subscribe = call.getSubscribe();
        if (problem == null) {
            problem = Subscriptions.invalid(subscribe.getFrameworkInfo(), subscribe.getSuppressedRolesList());
        }
        if (problem != null) {
            return CompletableFuture.completedFuture(CallOutcome.badRequest("Failed to validate scheduler::Call: " + problem));
        }
        String streamId = UUID.randomUUID().toString();
        SchedulerStream stream = new SchedulerStream(streamId, open.apply(streamId));
        return master.loop().submit(() -> master.subscriptions().subscribe(subscribe.getFrameworkInfo(),
                subscribe.getSuppressedRolesList(), stream)).handle((framework, error) -> {
                    if (error != null) {
                        LOG.error("SUBSCRIBE failed", error);
                        stream.close();
                        return new CallOutcome(503, "The master cannot subscribe the framework now: " + error.getMessage());
                    }
                    stream.onClose(() -> master.loop().execute(() -> master.subscriptions().disconnected(framework, stream)));
                    return CallOutcome.OK;
                });
    }

    @Override
    public CompletionStage<CallOutcome> call(Call call, String streamId) {
        String problem = CallValidation.validate(call);
        if (problem != null) {
            return CompletableFuture.completedFuture(CallOutcome.badRequest("Failed to validate scheduler::Call: " + problem));
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            return CompletableFuture.completedFuture(CallOutcome.badRequest("SUBSCRIBE opens a stream: use subscribe"));
        }
        if (streamId == null) {
            return CompletableFuture.completedFuture(
                    CallOutcome.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header"));
        }
        return master.loop().submit(() -> outcome(onLoop(call, streamId)));
    }

    private CallResult onLoop(Call call, String streamId) {
        FrameworkRecord framework = master.cluster().framework(call.getFrameworkId().getValue());
        if (framework == null) {
            return CallResult.badRequest("Framework cannot be found");
        }
        if (!framework.connected()) {
            return CallResult.forbidden("Framework is not subscribed");
        }
        if (!framework.stream.streamId().equals(streamId)) {
            return CallResult.badRequest("The stream ID '" + streamId + "' included in this request didn't match"
                    + " the stream ID currently associated with framework ID " + framework.id());
        }
        return master.calls().handle(framework, call);
    }

    static CallOutcome outcome(CallResult result) {
        return new CallOutcome(result.status(), result.message());
    }
}
