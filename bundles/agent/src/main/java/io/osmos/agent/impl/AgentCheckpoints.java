package io.osmos.agent.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;

import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's checkpoints of what it runs, laid out as Mesos lays out its {@code meta} directory:
 *
 * <pre>
 * &lt;work_dir&gt;/meta/slaves/&lt;agent&gt;/frameworks/&lt;fw&gt;/framework.info               FrameworkInfo
 *   executors/&lt;ex&gt;/executor.info                                      ExecutorInfo
 *   executors/&lt;ex&gt;/runs/&lt;container&gt;/run.pb                              the run (below)
 *   executors/&lt;ex&gt;/runs/&lt;container&gt;/tasks/&lt;task&gt;/task.pb                Task (+ TaskInfo while queued)
 *   executors/&lt;ex&gt;/runs/&lt;container&gt;/tasks/&lt;task&gt;/task.updates           its status update stream
 * </pre>
 *
 * Files are protobuf wire format, written whole and atomically. {@code run.pb} is, as if of
 * {@code message Run { string container_id = 1; int64 pid = 2; int64 start_millis = 3;
 * string sandbox = 4; string kind = 5; }}, {@code task.pb} of {@code { Task task = 1; TaskInfo
 * queued = 2; }} and {@code task.updates} of {@code { repeated TaskStatus pending = 1; repeated
 * bytes acknowledged = 2; }}. Only frameworks that asked for checkpointing are written, as in Mesos.
 */
final class AgentCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCheckpoints.class);

    /** A task as checkpointed: its model with its latest state, its info while queued, its updates. */
    record TaskCheckpoint(Task task, TaskInfo queued, List<TaskStatus> pending, List<ByteString> acknowledged) {
    }

    /** An executor run as checkpointed; {@code pid} 0 when it was never seen running. */
    record RunCheckpoint(FrameworkInfo framework, ExecutorInfo executor, ContainerID containerId, long pid,
            long startMillis, Path sandbox, ExecutorRun.Kind kind, List<TaskCheckpoint> tasks) {
    }

    private final Path meta;
    private final CheckpointWriter writer;

    AgentCheckpoints(Path workDir, CheckpointWriter writer) {
        this.meta = workDir.resolve("meta").resolve("slaves");
        this.writer = writer;
    }

    private Path framework(String agentId, String frameworkId) {
        return meta.resolve(agentId).resolve("frameworks").resolve(frameworkId);
    }

    private Path executor(String agentId, String frameworkId, String executorId) {
        return framework(agentId, frameworkId).resolve("executors").resolve(executorId);
    }

    Path runDir(String agentId, ExecutorRun run) {
        return executor(agentId, run.frameworkId(), run.executorId()).resolve("runs").resolve(run.containerId.getValue());
    }

    Path taskDir(String agentId, ExecutorRun run, String taskId) {
        return runDir(agentId, run).resolve("tasks").resolve(taskId);
    }

    /** A new run: its framework, executor and the run itself (no process yet). */
    void runCreated(String agentId, ExecutorRun run) {
        writer.write(framework(agentId, run.frameworkId()).resolve("framework.info"), run.framework.toByteArray());
        writer.write(executor(agentId, run.frameworkId(), run.executorId()).resolve("executor.info"),
                run.info.toByteArray());
        runStarted(agentId, run);
    }

    /** The run's process is known (or still not): pid and start time, to tell it from a later process with its pid. */
    void runStarted(String agentId, ExecutorRun run) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(1, run.containerId.getValue());
            out.writeInt64(2, run.process == null ? 0 : run.process.pid());
            out.writeInt64(3, run.processStartMillis);
            out.writeString(4, run.sandbox.toString());
            out.writeString(5, run.kind.name());
            out.flush();
            writer.write(runDir(agentId, run).resolve("run.pb"), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task's model (its latest state) and, while the executor has not got it, its info. */
    void task(String agentId, ExecutorRun run, Task task, TaskInfo queued) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeMessage(1, task);
            if (queued != null) {
                out.writeMessage(2, queued);
            }
            out.flush();
            writer.write(taskDir(agentId, run, task.getTaskId().getValue()).resolve("task.pb"), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task's update stream; the future completes once it is on disk. */
    static CompletableFuture<Void> updates(CheckpointWriter writer, Path taskDir, Iterable<TaskStatus> pending,
            Iterable<ByteString> acknowledged) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (TaskStatus status : pending) {
                out.writeMessage(1, status);
            }
            for (ByteString uuid : acknowledged) {
                out.writeBytes(2, uuid);
            }
            out.flush();
            return writer.write(taskDir.resolve("task.updates"), bytes.toByteArray());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The run ended and its tasks are done with: its checkpoints go (the executor's info stays, as in Mesos). */
    void runRemoved(String agentId, ExecutorRun run) {
        writer.delete(runDir(agentId, run));
    }

    void frameworkRemoved(String agentId, String frameworkId) {
        writer.delete(framework(agentId, frameworkId));
    }

    /** Every checkpointed run of the agent; a run whose files cannot be read is logged and skipped. */
    List<RunCheckpoint> load(String agentId) {
        List<RunCheckpoint> runs = new ArrayList<>();
        for (Path fw : children(meta.resolve(agentId).resolve("frameworks"))) {
            Optional<FrameworkInfo> framework = parse(fw.resolve("framework.info"), FrameworkInfo.parser());
            if (framework.isEmpty()) {
                continue;
            }
            for (Path ex : children(fw.resolve("executors"))) {
                Optional<ExecutorInfo> executor = parse(ex.resolve("executor.info"), ExecutorInfo.parser());
                for (Path runDir : children(ex.resolve("runs"))) {
                    if (executor.isEmpty()) {
                        continue;
                    }
                    try {
                        loadRun(framework.get(), executor.get(), runDir).ifPresent(runs::add);
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Cannot recover the executor run checkpointed in {}: {}", runDir, e.toString());
                    }
                }
            }
        }
        return runs;
    }

    private Optional<RunCheckpoint> loadRun(FrameworkInfo framework, ExecutorInfo executor, Path dir) throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(dir.resolve("run.pb"));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes.get());
        String container = "";
        long pid = 0;
        long start = 0;
        String sandbox = "";
        String kind = ExecutorRun.Kind.CUSTOM.name();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> container = in.readString();
                case 2 -> pid = in.readInt64();
                case 3 -> start = in.readInt64();
                case 4 -> sandbox = in.readString();
                case 5 -> kind = in.readString();
                default -> in.skipField(tag);
            }
        }
        List<TaskCheckpoint> tasks = new ArrayList<>();
        for (Path taskDir : children(dir.resolve("tasks"))) {
            loadTask(taskDir).ifPresent(tasks::add);
        }
        return Optional.of(new RunCheckpoint(framework, executor, ContainerID.newBuilder().setValue(container).build(),
                pid, start, Path.of(sandbox), ExecutorRun.Kind.valueOf(kind), tasks));
    }

    private static Optional<TaskCheckpoint> loadTask(Path dir) throws IOException {
        Optional<byte[]> bytes = AtomicFiles.read(dir.resolve("task.pb"));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes.get());
        Task task = null;
        TaskInfo queued = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> task = in.readMessage(Task.parser(), ExtensionRegistryLite.getEmptyRegistry());
                case 2 -> queued = in.readMessage(TaskInfo.parser(), ExtensionRegistryLite.getEmptyRegistry());
                default -> in.skipField(tag);
            }
        }
        if (task == null) {
            return Optional.empty();
        }
        List<TaskStatus> pending = new ArrayList<>();
        List<ByteString> acknowledged = new ArrayList<>();
        Optional<byte[]> updates = AtomicFiles.read(dir.resolve("task.updates"));
        if (updates.isPresent()) {
            CodedInputStream u = CodedInputStream.newInstance(updates.get());
            for (int tag = u.readTag(); tag != 0; tag = u.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> pending.add(u.readMessage(TaskStatus.parser(), ExtensionRegistryLite.getEmptyRegistry()));
                    case 2 -> acknowledged.add(u.readBytes());
                    default -> u.skipField(tag);
                }
            }
        }
        return Optional.of(new TaskCheckpoint(task, queued, pending, acknowledged));
    }

    private static <T> Optional<T> parse(Path file, com.google.protobuf.Parser<T> parser) {
        try {
            Optional<byte[]> bytes = AtomicFiles.read(file);
            return bytes.isEmpty() ? Optional.empty() : Optional.of(parser.parseFrom(bytes.get()));
        } catch (IOException e) {
            LOG.error("Cannot read the checkpoint {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list the checkpoints in {}: {}", dir, e.toString());
            return List.of();
        }
    }
}
