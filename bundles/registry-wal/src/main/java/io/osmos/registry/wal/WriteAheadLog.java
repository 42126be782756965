package io.osmos.registry.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.osmos.api.registry.RegistryModel;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry on disk, written by one thread with group commit: the operations queued while the
 * previous batch was being synced are written together and share one {@code fsync}; each one's
 * future completes after it. Every {@code snapshotRecords} records or {@code snapshotBytes} bytes,
 * the writer snapshots the whole registry and starts a new log (see {@link LogFiles}).
 */
final class WriteAheadLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final int MAX_BATCH = 4096;

    /** What the writer thread takes: an operation to store, or a read of the state, in order. */
    private record Item(RegistryOperation operation, CompletableFuture<Void> stored,
            CompletableFuture<RegistryState> read) {
    }

    private static final Item STOP = new Item(null, null, null);

    private final LogFiles files;
    private final long snapshotRecords;
    private final long snapshotBytes;
    private final RegistryModel model;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final Thread writer;
    private long generation;
    private FileChannel log;
    private long logBytes;
    private long logRecords;
    private IOException broken;
    private volatile boolean closed;

    private WriteAheadLog(LogFiles files, LogFiles.Recovered recovered, long snapshotRecords, long snapshotBytes)
            throws IOException {
        this.files = files;
        this.snapshotRecords = snapshotRecords;
        this.snapshotBytes = snapshotBytes;
        this.model = recovered.model();
        this.generation = recovered.generation();
        this.logBytes = recovered.logLength();
        this.logRecords = recovered.logRecords();
        this.log = files.openLog(generation, logBytes);
        this.writer = new Thread(this::run, "osmos-registry-wal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Recovers the registry in {@code dir} (snapshot, then log) and opens it for appending. */
    static WriteAheadLog open(Path dir, long snapshotRecords, long snapshotBytes) throws IOException {
        LogFiles files = new LogFiles(dir);
        long start = System.nanoTime();
        LogFiles.Recovered recovered = files.recover();
        LOG.info("Registry recovered from {} in {} ms: generation {}, {} log records", dir,
                (System.nanoTime() - start) / 1_000_000, recovered.generation(), recovered.logRecords());
        return new WriteAheadLog(files, recovered, snapshotRecords, snapshotBytes);
    }

    /** Stores an operation; completes when it is on disk. */
    CompletableFuture<Void> append(RegistryOperation operation) {
        if (operation.getOperationCase() == RegistryOperation.OperationCase.OPERATION_NOT_SET) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Empty registry operation"));
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        enqueue(new Item(operation, stored, null), stored);
        return stored;
    }

    /** The registry after every operation appended before this call. */
    CompletableFuture<RegistryState> state() {
        CompletableFuture<RegistryState> read = new CompletableFuture<>();
        enqueue(new Item(null, null, read), read);
        return read;
    }

    private void enqueue(Item item, CompletableFuture<?> future) {
        if (closed) {
            future.completeExceptionally(new IOException("The registry log is closed"));
            return;
        }
        queue.add(item);
    }

    /** How many times the log was synced (a test and benchmark figure). */
    long fsyncs() {
        return fsyncs.get();
    }

    long appended() {
        return appended.get();
    }

    long generation() {
        return generation;
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        try {
            while (true) {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                if (!process(batch)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failRemaining();
            closeLog();
        }
    }

    /** Writes the batch's operations with one sync, then answers every item in order; false at STOP. */
    private boolean process(List<Item> batch) {
        List<ByteBuffer> frames = new ArrayList<>();
        long bytes = 0;
        for (Item item : batch) {
            if (item.operation() != null) {
                ByteBuffer frame = Records.frame(item.operation().toByteArray());
                bytes += frame.remaining();
                frames.add(frame);
            }
        }
        IOException failure = frames.isEmpty() ? null : write(frames, bytes);
        boolean stop = false;
        for (Item item : batch) {
            if (item == STOP) {
                stop = true;
            } else if (item.operation() != null) {
                if (failure != null) {
                    item.stored().completeExceptionally(failure);
                } else {
                    model.apply(item.operation());
                    appended.incrementAndGet();
                    item.stored().complete(null);
                }
            } else if (stop) {
                item.read().completeExceptionally(new IOException("The registry log is closed"));
            } else {
                item.read().complete(model.state());
            }
        }
        if (failure == null && (logRecords >= snapshotRecords || logBytes >= snapshotBytes)) {
            snapshot();
        }
        return !stop;
    }

    private IOException write(List<ByteBuffer> frames, long bytes) {
        if (broken != null) {
            return broken;
        }
        long start = logBytes;
        try {
            ByteBuffer[] buffers = frames.toArray(new ByteBuffer[0]);
            long written = 0;
            while (written < bytes) {
                written += log.write(buffers);
            }
            log.force(false);
            fsyncs.incrementAndGet();
            logBytes += bytes;
            logRecords += frames.size();
            return null;
        } catch (IOException e) {
            LOG.error("Cannot write {} registry records to {}: {}", frames.size(), files.log(generation),
                    e.toString());
            try {
                log.truncate(start);
                log.position(start);
            } catch (IOException truncate) {
                broken = new IOException("The registry log is unusable after a failed write", truncate);
                LOG.error("Registry log {} is unusable: {}", files.log(generation), truncate.toString());
            }
            return e;
        }
    }

    /** Snapshot to a new generation; on failure the current log simply keeps growing. */
    private void snapshot() {
        long start = System.nanoTime();
        try {
            long next = files.writeSnapshot(generation, model.state());
            FileChannel newLog;
            try {
                newLog = files.openLog(next, 0);
            } catch (IOException e) {
                // Without its log the new snapshot would hide what is appended to the old one.
                try {
                    java.nio.file.Files.deleteIfExists(files.snapshot(next));
                } catch (IOException delete) {
                    broken = new IOException("The registry cannot continue its log after a snapshot", delete);
                }
                throw e;
            }
            FileChannel old = log;
            log = newLog;
            generation = next;
            logBytes = 0;
            logRecords = 0;
            old.close();
            files.deleteOlderThan(next);
            LOG.info("Registry snapshot {} written in {} ms", next, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            LOG.warn("Cannot snapshot the registry in {} (the log keeps growing): {}", files.dir(), e.toString());
        }
    }

    private void failRemaining() {
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        for (Item item : left) {
            IOException closedError = new IOException("The registry log is closed");
            if (item.stored() != null) {
                item.stored().completeExceptionally(closedError);
            } else if (item.read() != null) {
                item.read().completeExceptionally(closedError);
            }
        }
    }

    private void closeLog() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("Cannot close registry log {}: {}", files.log(generation), e.toString());
        }
    }
}
