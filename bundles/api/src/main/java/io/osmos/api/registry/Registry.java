package io.osmos.api.registry;

import java.util.concurrent.CompletionStage;

import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A durable store of the master's registry, as Mesos' registrar keeps it: the master recovers the
 * whole state once when it starts, then sends every change before it acknowledges it.
 *
 * <p>Implementations are plug-ins (the embedded write-ahead log {@code io.osmos.registry.wal};
 * a vendor may ship a replicated one), so this type is a consumer type: it grows only by default
 * methods.
 *
 * <p>Contract:
 * <ul>
 * <li>{@link #apply} completes only when the operation is durable (it survives a crash of the
 *     process or of the machine), and operations become durable in the order they were applied:
 *     when one completes, every operation applied before it has completed too. It completes
 *     exceptionally when the operation could not be stored; the caller must not acknowledge it.</li>
 * <li>{@link #recover} returns the state after every operation that completed (and possibly some
 *     that were applied but had not completed yet). It may be called again at any time, e.g. by a
 *     master that binds this registry after another instance was swapped out.</li>
 * <li>Both may be called from any thread and must not block the caller.</li>
 * </ul>
 */
@ConsumerType
public interface Registry {

    /** The whole registry as stored; an empty state when nothing was ever stored. */
    CompletionStage<RegistryState> recover();

    /** Stores one change; completes when it is durable. */
    CompletionStage<Void> apply(RegistryOperation operation);
}
