package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the agent's checkpoints off its loop, on one thread, in the order they were asked for.
 * Each write replaces a whole file ({@link AtomicFiles}); when several writes of one file wait,
 * only the latest is made, and all their futures complete with it. A caller that must not act
 * before its state is durable (a status update is forwarded only once checkpointed) waits on the
 * future; others go on.
 */
final class CheckpointWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    /** A write or deletion waiting its turn; {@code bytes} null means delete. */
    private record Job(byte[] bytes, CompletableFuture<Void> done) {
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "osmos-agent-checkpoints");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Job> waiting = new LinkedHashMap<>();

    CompletableFuture<Void> write(Path file, byte[] bytes) {
        return submit(file, bytes);
    }

    /** Deletes a file or directory tree, after the writes asked for before. */
    CompletableFuture<Void> delete(Path path) {
        return submit(path, null);
    }

    private CompletableFuture<Void> submit(Path path, byte[] bytes) {
        synchronized (waiting) {
            Job previous = waiting.get(path);
            if (previous != null) {
                Job merged = new Job(bytes, previous.done());
                waiting.put(path, merged);
                return previous.done();
            }
            Job job = new Job(bytes, new CompletableFuture<>());
            waiting.put(path, job);
            thread.execute(() -> run(path));
            return job.done();
        }
    }

    private void run(Path path) {
        Job job;
        synchronized (waiting) {
            job = waiting.remove(path);
        }
        if (job == null) {
            return;
        }
        try {
            if (job.bytes() == null) {
                AtomicFiles.delete(path);
            } else {
                AtomicFiles.write(path, job.bytes());
            }
            job.done().complete(null);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot checkpoint {}: {}", path, e.toString());
            job.done().completeExceptionally(e);
        }
    }

    /** Waits for every write asked for so far (at most {@code seconds}); used when the agent stops. */
    void flush(long seconds) {
        try {
            thread.submit(() -> { }).get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Checkpoints not all written within {} s: {}", seconds, e.toString());
        }
    }

    @Override
    public void close() {
        flush(10);
        thread.shutdown();
    }
}
