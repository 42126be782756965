package io.osmos.master.operator.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.osmos.api.logging.LoggingControl;
import io.osmos.http.api.ApiCall;
import io.osmos.http.api.ApiCalls;
import io.osmos.http.api.Replies;
import io.osmos.http.files.AttachedFile;
import io.osmos.http.files.FileInfos;
import io.osmos.http.files.FileRead;
import io.osmos.http.files.FileReads;
import io.osmos.proto.v1.master.Call;
import io.osmos.proto.v1.master.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's GET_LOGGING_LEVEL and SET_LOGGING_LEVEL, and LIST_FILES and READ_FILE of the one
 * file the master attaches, its log as {@code /master/log}. They need no master state: nothing here
 * touches the master loop, and file I/O runs on a thread of its own, off the event loop.
 */
final class LoggingCalls implements AutoCloseable {

    /** Where Mesos attaches the master's log file when it logs to one. */
    static final String LOG_PATH = "/master/log";
    static final String NOT_AVAILABLE = "Logging control is not available";

    /** A call's outcome: a response (200), or a status with Mesos' message, or a status alone. */
    record Answer(int status, Response response, String error) {
        static Answer ok(Response response) {
            return new Answer(200, response, null);
        }

        static Answer error(int status, String message) {
            return new Answer(status, null, message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LoggingCalls.class);
    private static final Answer DONE = new Answer(200, null, null);

    private final Supplier<LoggingControl> logging;
    private final AttachedFile log;
    private final ExecutorService io = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "osmos-master-files");
        thread.setDaemon(true);
        return thread;
    });

    /** @param logging the logging control bound now, or null while there is none */
    LoggingCalls(Supplier<LoggingControl> logging) {
        this.logging = logging;
        this.log = new AttachedFile(LOG_PATH, () -> control().flatMap(LoggingControl::logFile));
    }

    /** Answers one of GET_LOGGING_LEVEL, SET_LOGGING_LEVEL, LIST_FILES, READ_FILE. */
    void handle(ApiCall<Call> call) {
        Call request = call.call();
        switch (request.getType()) {
            case GET_LOGGING_LEVEL -> reply(call, getLoggingLevel());
            case SET_LOGGING_LEVEL -> reply(call, setLoggingLevel(request));
            case LIST_FILES -> async(call, request.hasListFiles(), "list_files",
                    () -> listFiles(request.getListFiles().getPath()));
            case READ_FILE -> async(call, request.hasReadFile(), "read_file", () -> readFile(request.getReadFile()));
            default -> throw new IllegalArgumentException("Not a logging call: " + request.getType());
        }
    }

    /** Mesos answers its glog verbosity; without the logging bundle that is the default, 0. */
    Answer getLoggingLevel() {
        int level = control().map(LoggingControl::verbosity).orElse(0);
        return Answer.ok(Response.newBuilder().setType(Response.Type.GET_LOGGING_LEVEL)
                .setGetLoggingLevel(Response.GetLoggingLevel.newBuilder().setLevel(level)).build());
    }

    /** The level for the duration, then back to 0; 200 with no body. */
    Answer setLoggingLevel(Call request) {
        if (!request.hasSetLoggingLevel()) {
            return Answer.error(400, "Failed to validate master::Call: Expecting 'set_logging_level' to be present");
        }
        Call.SetLoggingLevel set = request.getSetLoggingLevel();
        long nanos = set.getDuration().getNanoseconds();
        if (nanos <= 0) {
            return Answer.error(400, "Failed to validate master::Call: 'set_logging_level.duration' must be positive,"
                    + " got " + nanos + " nanoseconds");
        }
        Optional<LoggingControl> control = control();
        if (control.isEmpty()) {
            return Answer.error(503, NOT_AVAILABLE);
        }
        // uint32 on the wire: a level above 2^31 is simply the most verbose.
        control.get().setVerbosity((int) Math.min(Integer.toUnsignedLong(set.getLevel()), Integer.MAX_VALUE),
                Duration.ofNanos(nanos));
        return DONE;
    }

    /** Blocking. The log lists as itself under {@code /master/log}; anything else is not found. */
    Answer listFiles(String path) {
        Optional<Path> file = log.resolve(path);
        if (file.isEmpty()) {
            return Answer.error(404, FileReads.NOT_FOUND);
        }
        try {
            return Answer.ok(Response.newBuilder().setType(Response.Type.LIST_FILES).setListFiles(
                    Response.ListFiles.newBuilder().addFileInfos(FileInfos.describe(path, file.get()))).build());
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", file.get(), e.toString());
            return Answer.error(500, "Failed to list '" + path + "': " + e.getMessage());
        }
    }

    /** Blocking. {@code offset} and {@code length} are uint64 on the wire, read as the agent reads them. */
    Answer readFile(Call.ReadFile read) {
        FileRead result = FileReads.read(() -> log.resolve(read.getPath()), read.getOffset(),
                read.hasLength() ? Optional.of(read.getLength()) : Optional.empty());
        return result.ok() ? Answer.ok(Response.newBuilder().setType(Response.Type.READ_FILE).setReadFile(
                Response.ReadFile.newBuilder().setSize(result.size()).setData(result.data())).build())
                : Answer.error(result.status(), result.error());
    }

    private Optional<LoggingControl> control() {
        return Optional.ofNullable(logging.get());
    }

    private void async(ApiCall<Call> call, boolean present, String field, Supplier<Answer> work) {
        if (!present) {
            Replies.badRequest(call.request(), "Failed to validate master::Call: Expecting '" + field + "' to be present");
            return;
        }
        CompletableFuture<Answer> answer;
        try {
            answer = CompletableFuture.supplyAsync(work, io);
        } catch (RejectedExecutionException e) {
            answer = CompletableFuture.completedFuture(Answer.error(503, "The master is stopping"));
        }
        answer.whenComplete((result, error) -> reply(call, error == null ? result
                : Answer.error(500, "Failed to handle " + call.call().getType() + ": " + error.getMessage())));
    }

    private static void reply(ApiCall<Call> call, Answer answer) {
        if (answer.error() != null) {
            Replies.error(call.request(), answer.status(), answer.error());
        } else if (answer.response() != null) {
            ApiCalls.ok(call, answer.response());
        } else {
            call.request().response().setStatusCode(answer.status()).end();
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
