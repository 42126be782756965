package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.osmos.api.loop.SerialLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves read-only requests in batches, as Mesos' master does since 1.7: the reads that queued up
 * while the loop was busy are answered together, in parallel on worker threads, while the loop waits
 * for them, so they all see one consistent model and none sees a change half-made. A write waits for
 * at most one batch; a read queued after a write's answer sees that write, since the batch runs on the
 * loop after it. Identical reads in a batch (same key) are computed once and share the answer.
 *
 * @param <V> the view of the model a batch's reads are computed from, built once per batch on the loop
 */
final class ReadBatcher<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBatcher.class);

    /** A read: its key for de-duplication, what it computes from the view, and who gets the answer. */
    record Read<V>(String key, Function<V, byte[]> compute, CompletableFuture<byte[]> answer) {
    }

    private final SerialLoop loop;
    private final Supplier<V> view;
    private final ConcurrentLinkedQueue<Read<V>> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService workers;

    /** @param view builds the view for a batch; runs on the loop */
    ReadBatcher(SerialLoop loop, Supplier<V> view, int threads) {
        this.loop = loop;
        this.view = view;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "osmos-master-read-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a read; the future completes with its bytes, or exceptionally if computing failed. */
    CompletableFuture<byte[]> read(String key, Function<V, byte[]> compute) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        queued.add(new Read<>(key, compute, answer));
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this::runBatch);
            } catch (RuntimeException e) {
                scheduled.set(false);
                answer.completeExceptionally(e);
            }
        }
        return answer;
    }

    private void runBatch() {
        scheduled.set(false);
        Map<String, List<Read<V>>> byKey = new LinkedHashMap<>();
        for (Read<V> read; (read = queued.poll()) != null;) {
            byKey.computeIfAbsent(read.key(), key -> new ArrayList<>()).add(read);
        }
        if (byKey.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        V batchView;
        try {
            batchView = view.get();
        } catch (RuntimeException e) {
            byKey.values().forEach(reads -> reads.forEach(read -> read.answer().completeExceptionally(e)));
            return;
        }
        List<CompletableFuture<Void>> computing = new ArrayList<>();
        for (List<Read<V>> reads : byKey.values()) {
            computing.add(CompletableFuture.runAsync(() -> answer(reads, batchView), workers));
        }
        // The loop waits here on purpose: the model must not change while the workers read it.
        CompletableFuture.allOf(computing.toArray(CompletableFuture[]::new)).join();
        LOG.debug("Served a batch of {} distinct read(s) in {} ms", byKey.size(), (System.nanoTime() - start) / 1_000_000);
    }

    private static <V> void answer(List<Read<V>> reads, V view) {
        try {
            byte[] bytes = reads.get(0).compute().apply(view);
            reads.forEach(read -> read.answer().complete(bytes));
        } catch (RuntimeException e) {
            LOG.warn("A read-only request failed: {}", e.toString());
            reads.forEach(read -> read.answer().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        for (Read<V> read; (read = queued.poll()) != null;) {
            read.answer().completeExceptionally(new IllegalStateException("The master is stopping"));
        }
    }
}
