package io.osmos.master.impl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import io.osmos.api.loop.SerialLoop;
import io.osmos.api.registry.Registry;
import io.osmos.proto.internal.RegistryOperation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's way to its {@link Registry}, which may be swapped (bundle update) while the master
 * runs. Changes are sent in the order they were made; while no registry is bound they wait, and go
 * to the next one bound. A write sent to a registry that went away before it completed is sent
 * again to its successor (operations are idempotent). {@link #barrier()} completes once every change
 * made so far is durable: the operator API answers after it. Loop-confined.
 */
final class RegistryLink {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryLink.class);

    private record Pending(RegistryOperation operation, CompletableFuture<Void> stored) {
    }

    private final SerialLoop loop;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private Registry registry;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    RegistryLink(SerialLoop loop) {
        this.loop = loop;
    }

    Registry current() {
        return registry;
    }

    /** Sends a change; the future completes when it is durable. */
    CompletableFuture<Void> write(RegistryOperation operation) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Pending pending = new Pending(operation, stored);
        if (registry == null || !waiting.isEmpty()) {
            waiting.add(pending);
        } else {
            send(pending);
        }
        CompletableFuture<Void> before = last;
        // Durable in order: a later change is acknowledged only after every earlier one.
        last = before.handle((v, e) -> null).thenCompose(v -> stored);
        return last;
    }

    /** Completes when every change written so far is durable (exceptionally if the latest failed). */
    CompletableFuture<Void> barrier() {
        return last;
    }

    void bind(Registry bound) {
        registry = bound;
        while (!waiting.isEmpty() && registry == bound) {
            send(waiting.poll());
        }
    }

    void unbind(Registry unbound) {
        if (registry == unbound) {
            registry = null;
        }
    }

    private void send(Pending pending) {
        Registry target = registry;
        target.apply(pending.operation()).whenComplete((v, error) -> {
            if (error == null) {
                pending.stored().complete(null);
                return;
            }
            loop.execute(() -> {
                if (registry != target) {
                    LOG.info("Registry write {} is sent again to the registry's successor",
                            pending.operation().getOperationCase());
                    if (registry == null) {
                        waiting.addFirst(pending);
                    } else {
                        send(pending);
                    }
                } else {
                    LOG.error("Registry write {} failed: {}", pending.operation().getOperationCase(), error.toString());
                    pending.stored().completeExceptionally(error);
                }
            });
        });
    }
}
