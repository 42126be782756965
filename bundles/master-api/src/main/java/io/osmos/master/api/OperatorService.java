package io.osmos.master.api;

import java.util.concurrent.CompletionStage;

import io.osmos.http.api.RecordIOStream;
import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.master.Call;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The master's side of the v1 Operator API. Reads are answered from the master's read batches,
 * serialized straight from its model in the encoding asked for; writes complete once durable.
 * Stages complete on a master thread; a stopping master fails them.
 */
@ProviderType
public interface OperatorService {

    /** False until the master has recovered its registry: calls answer {@link CallOutcome#NOT_RECOVERED} meanwhile. */
    boolean recovered();

    /** Whether {@link #read} answers calls of this type. */
    boolean reads(Call.Type type);

    /** The encoded {@code Response} to a read-only call (GET_STATE, GET_AGENTS, ...). */
    CompletionStage<byte[]> read(Call.Type type, MediaType encoding);

    /** Whether {@link #write} takes calls of this type. */
    boolean writes(Call.Type type);

    /**
     * A call that changes the master (UPDATE_WEIGHTS, DRAIN_AGENT, RESERVE_RESOURCES, ...): 200 or 202
     * once what it changed is durable, 400 when invalid, 409 when the agent cannot take it now.
     */
    CompletionStage<CallOutcome> write(Call call);

    /**
     * SUBSCRIBE: sends the SUBSCRIBED snapshot on the started stream and every later event, with no
     * event lost between them. The stream belongs to the master from then on.
     */
    CompletionStage<Void> subscribe(RecordIOStream stream);
}
