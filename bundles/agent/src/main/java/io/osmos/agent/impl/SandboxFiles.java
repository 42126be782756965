package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import io.osmos.agent.impl.NestedContainers.Answer;
import io.osmos.proto.v1.FileInfo;
import io.osmos.proto.v1.agent.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LIST_FILES and READ_FILE over the attached sandboxes ({@link SandboxPaths}), on threads of
 * their own so that slow disks never hold up the agent's loop or the HTTP event loop.
 */
final class SandboxFiles implements AutoCloseable {

    /**
     * The most bytes one READ_FILE returns. Mesos caps a read at 16 pages; we allow more because a
     * v1 client pages with offset and length anyway, and this matches the API's 16 MiB body limit.
     */
    static final int MAX_READ = 16 * 1024 * 1024;
    static final String NOT_FOUND = "File not found";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxFiles.class);
    private static final int THREADS = 2;

    private final SandboxPaths paths;
    private final ExecutorService io;

    SandboxFiles(SandboxPaths paths) {
        this.paths = paths;
        AtomicInteger count = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "osmos-agent-files-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    CompletableFuture<Answer> list(String path) {
        return async(() -> paths.resolve(path).map(resolved -> listed(path, resolved))
                .orElseGet(() -> Answer.error(404, NOT_FOUND)));
    }

    /** {@code offset} and {@code length} are uint64 on the wire: a negative long is one above 2^63. */
    CompletableFuture<Answer> read(String path, long offset, Optional<Long> length) {
        if (offset < 0) {
            return CompletableFuture.completedFuture(Answer.error(400, "Negative offset provided: " + offset));
        }
        long wanted = length.filter(l -> l >= 0 && l < MAX_READ).orElse((long) MAX_READ);
        return async(() -> paths.resolve(path).map(resolved -> read(resolved.target(), offset, (int) wanted))
                .orElseGet(() -> Answer.error(404, NOT_FOUND)));
    }

    private CompletableFuture<Answer> async(Supplier<Answer> work) {
        try {
            return CompletableFuture.supplyAsync(work, io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Answer.error(503, "The agent is stopping"));
        }
    }

    private static Answer listed(String requested, SandboxPaths.Resolved resolved) {
        Response.ListFiles.Builder files = Response.ListFiles.newBuilder();
        try {
            if (!Files.isDirectory(resolved.target())) {
                files.addFileInfos(FileInfos.describe(requested, resolved.target()));
            } else {
                String base = requested.replaceAll("/+$", "");
                for (Path entry : entries(resolved.target())) {
                    describeEntry(base + "/" + entry.getFileName(), entry, resolved.sandbox())
                            .ifPresent(files::addFileInfos);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", resolved.target(), e.toString());
            return Answer.error(500, "Failed to list '" + requested + "': " + e.getMessage());
        }
        return Answer.ok(Response.newBuilder().setType(Response.Type.LIST_FILES).setListFiles(files).build());
    }

    private static List<Path> entries(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        return entries;
    }

    /**
     * Mesos stats each entry through its links; a link that leaves the sandbox (or dangles) is
     * described as the link itself, so a listing tells nothing about what lies outside.
     */
    private static Optional<FileInfo> describeEntry(String path, Path entry, Path sandbox) {
        try {
            boolean inside = !Files.isSymbolicLink(entry) || linksInside(entry, sandbox);
            return Optional.of(inside ? FileInfos.describe(path, entry)
                    : FileInfos.describe(path, entry, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            LOG.debug("Leaving {} out of the listing: {}", entry, e.toString());
            return Optional.empty();
        }
    }

    private static boolean linksInside(Path link, Path sandbox) {
        try {
            return link.toRealPath().startsWith(sandbox);
        } catch (IOException e) {
            return false;
        }
    }

    private static Answer read(Path file, long offset, int length) {
        if (Files.isDirectory(file)) {
            return Answer.error(400, "Cannot read a directory");
        }
        // Opening a FIFO or a device would block an I/O thread for good.
        if (!Files.isRegularFile(file)) {
            return Answer.error(400, "Cannot read a file that is not a regular file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer data = ByteBuffer.allocate((int) Math.max(0, Math.min(length, size - offset)));
            while (data.hasRemaining()) {
                if (channel.read(data, offset + data.position()) < 0) {
                    break;
                }
            }
            data.flip();
            return Answer.ok(Response.newBuilder().setType(Response.Type.READ_FILE).setReadFile(Response.ReadFile
                    .newBuilder().setSize(size).setData(ByteString.copyFrom(data))).build());
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.toString());
            return Answer.error(500, "Failed to read file: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
