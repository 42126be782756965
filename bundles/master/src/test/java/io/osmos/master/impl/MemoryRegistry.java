package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.osmos.api.registry.Registry;
import io.osmos.api.registry.RegistryModel;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;

/** A registry in memory whose recovery and writes complete when the test says (or at once). */
final class MemoryRegistry implements Registry {

    final CompletableFuture<RegistryState> recovery = new CompletableFuture<>();
    private final RegistryModel model;
    private final List<RegistryOperation> operations = new ArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private boolean hold;

    MemoryRegistry(RegistryState state) {
        this.model = RegistryModel.of(state);
    }

    /** Recovery completes at once with the state given. */
    MemoryRegistry recovering() {
        recovery.complete(model.state());
        return this;
    }

    @Override
    public CompletionStage<RegistryState> recover() {
        return recovery;
    }

    @Override
    public synchronized CompletionStage<Void> apply(RegistryOperation operation) {
        operations.add(operation);
        model.apply(operation);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (hold) {
            held.add(stored);
        } else {
            stored.complete(null);
        }
        return stored;
    }

    /** From now on writes complete only at {@link #release()}. */
    synchronized void hold() {
        hold = true;
    }

    synchronized void release() {
        hold = false;
        held.forEach(f -> f.complete(null));
        held.clear();
    }

    synchronized List<RegistryOperation> operations() {
        return List.copyOf(operations);
    }

    synchronized RegistryState state() {
        return model.state();
    }
}
