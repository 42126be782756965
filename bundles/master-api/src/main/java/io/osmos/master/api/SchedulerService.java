package io.osmos.master.api;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.v1.scheduler.Call;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The master's side of the v1 Scheduler API. Calls are validated here as well (the core trusts no
 * front end with its state); stages complete on a master thread.
 */
@ProviderType
public interface SchedulerService {

    /** False until the master has recovered its registry: calls answer {@link CallOutcome#NOT_RECOVERED} meanwhile. */
    boolean recovered();

    /**
     * A SUBSCRIBE call. An invalid subscription completes with 400 and {@code open} is not called. Otherwise
     * {@code open} gets the new stream's Mesos-Stream-Id and returns the started event stream, which
     * belongs to the master from then on (it stays open when the front end is updated); the stage
     * completes with 200 once the framework is subscribed.
     */
    CompletionStage<CallOutcome> subscribe(Call subscribe, Function<String, RecordIOStream> open);

    /**
     * Any other call, from the stream {@code streamId} (the request's Mesos-Stream-Id, null when the
     * request has none): 202 (or 200), 400 when invalid, without a stream id or from another stream,
     * 403 when the framework is not subscribed.
     */
    CompletionStage<CallOutcome> call(Call call, String streamId);
}
