package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.osmos.agent.impl.NestedContainers.Answer;
import io.osmos.http.files.AttachedFile;
import io.osmos.http.files.FileInfos;
import io.osmos.http.files.FileRead;
import io.osmos.http.files.FileReads;
import io.osmos.proto.v1.FileInfo;
import io.osmos.proto.v1.agent.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LIST_FILES and READ_FILE over the attached sandboxes ({@link SandboxPaths}) and the agent's log
 * file ({@code /slave/log}), on threads of their own so that slow disks never hold up the agent's
 * loop or the HTTP event loop.
 */
final class SandboxFiles implements AutoCloseable {

    /** Where Mesos attaches the agent's log file. */
    static final String LOG_PATH = "/slave/log";

    private static final Logger LOG = LoggerFactory.getLogger(SandboxFiles.class);
    private static final int THREADS = 2;

    private final SandboxPaths paths;
    private final AttachedFile log;
    private final ExecutorService io;

    /** @param logFile the file the agent logs to now, if any */
    SandboxFiles(SandboxPaths paths, Supplier<Optional<Path>> logFile) {
        this.paths = paths;
        this.log = new AttachedFile(LOG_PATH, logFile);
        AtomicInteger count = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "osmos-agent-files-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    CompletableFuture<Answer> list(String path) {
        return async(() -> resolve(path).map(resolved -> listed(path, resolved))
                .orElseGet(() -> Answer.error(404, FileReads.NOT_FOUND)));
    }

    /** {@code offset} and {@code length} are uint64 on the wire: a negative long is one above 2^63. */
    CompletableFuture<Answer> read(String path, long offset, Optional<Long> length) {
        return async(() -> answer(FileReads.read(() -> resolve(path).map(SandboxPaths.Resolved::target), offset,
                length)));
    }

    /** The log file is a file of its own: it is its own "sandbox". */
    private Optional<SandboxPaths.Resolved> resolve(String path) {
        return log.resolve(path).map(file -> new SandboxPaths.Resolved(file, file)).or(() -> paths.resolve(path));
    }

    private static Answer answer(FileRead read) {
        return read.ok() ? Answer.ok(Response.newBuilder().setType(Response.Type.READ_FILE).setReadFile(
                Response.ReadFile.newBuilder().setSize(read.size()).setData(read.data())).build())
                : Answer.error(read.status(), read.error());
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

    @Override
    public void close() {
        io.shutdownNow();
    }
}
