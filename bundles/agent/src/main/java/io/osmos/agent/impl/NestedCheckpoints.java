package io.osmos.agent.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of the nested containers (the default executor's tasks) of a checkpointed executor
 * run, next to the run's own files:
 *
 * <pre>
 * executors/&lt;ex&gt;/runs/&lt;container&gt;/containers/&lt;nested&gt;/container.pb     the container (below)
 * executors/&lt;ex&gt;/runs/&lt;container&gt;/containers/&lt;nested&gt;/termination.pb   how it ended, once it did
 * </pre>
 *
 * {@code container.pb} is, as if of {@code message Nested { string container_id = 1; string parent_id = 2;
 * int64 pid = 3; int64 start_millis = 4; string sandbox = 5; bool share_cgroups = 6;
 * repeated Resource resources = 7; repeated string limits = 8; }} (a limit as {@code name=value}),
 * {@code termination.pb} of {@code { int32 wait_status = 1; }}. A container's files go once a WAIT
 * was answered with its end, or with its run's.
 */
final class NestedCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(NestedCheckpoints.class);

    /** A nested container as checkpointed; {@code waitStatus} is empty while it was not known to have ended. */
    record Nested(ContainerConfig config, List<Resource> resources, long pid, long startMillis, OptionalInt waitStatus) {
    }

    private final AgentCheckpoints checkpoints;
    private final CheckpointWriter writer;
    private final Supplier<String> agentId;

    NestedCheckpoints(AgentCheckpoints checkpoints, CheckpointWriter writer, Supplier<String> agentId) {
        this.checkpoints = checkpoints;
        this.writer = writer;
        this.agentId = agentId;
    }

    private Path dir(ExecutorRun parent, String containerId) {
        return containers(parent).resolve(containerId);
    }

    private Path containers(ExecutorRun parent) {
        return checkpoints.runDir(agentId.get(), parent).resolve("containers");
    }

    /** The container runs as {@code pid}, started at {@code startMillis}. */
    void launched(ExecutorRun parent, ContainerConfig config, List<Resource> resources, long pid, long startMillis) {
        if (!parent.checkpoint()) {
            return;
        }
        writer.write(dir(parent, config.containerId()).resolve("container.pb"), encode(config, resources, pid, startMillis));
    }

    static byte[] encode(ContainerConfig config, List<Resource> resources, long pid, long startMillis) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(1, config.containerId());
            out.writeString(2, config.parentId());
            out.writeInt64(3, pid);
            out.writeInt64(4, startMillis);
            out.writeString(5, config.sandbox().toString());
            out.writeBool(6, config.shareCgroups());
            for (Resource resource : resources) {
                out.writeMessage(7, resource);
            }
            for (Map.Entry<String, Double> limit : config.limits().entrySet()) {
                out.writeString(8, limit.getKey() + "=" + limit.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the container ended, for a WAIT that comes after a restart. */
    void ended(ExecutorRun parent, String containerId, int waitStatus) {
        if (parent.checkpoint()) {
            writer.write(dir(parent, containerId).resolve("termination.pb"), termination(waitStatus));
        }
    }

    /**
     * The same, written at once on the calling thread: for an exit the JDK reports after this agent
     * instance stopped (its writer is closed), which its successor reads when asked.
     */
    void endedAfterStop(ExecutorRun parent, String containerId, int waitStatus) throws IOException {
        if (parent.checkpoint()) {
            AtomicFiles.write(dir(parent, containerId).resolve("termination.pb"), termination(waitStatus));
        }
    }

    /** How the container ended, if that was checkpointed. */
    OptionalInt termination(ExecutorRun parent, String containerId) throws IOException {
        return decodeTermination(AtomicFiles.read(dir(parent, containerId).resolve("termination.pb")));
    }

    private static byte[] termination(int waitStatus) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, waitStatus);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OptionalInt decodeTermination(Optional<byte[]> termination) throws IOException {
        OptionalInt waitStatus = OptionalInt.empty();
        if (termination.isPresent()) {
            CodedInputStream t = CodedInputStream.newInstance(termination.get());
            for (int tag = t.readTag(); tag != 0; tag = t.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    waitStatus = OptionalInt.of(t.readInt32());
                } else {
                    t.skipField(tag);
                }
            }
        }
        return waitStatus;
    }

    /** The container's end was told: its checkpoints go. */
    void removed(ExecutorRun parent, String containerId) {
        if (parent.checkpoint()) {
            writer.delete(dir(parent, containerId));
        }
    }

    /** The nested containers checkpointed under a run; one whose files cannot be read is logged and skipped. */
    List<Nested> load(ExecutorRun parent) {
        Path root = containers(parent);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            LOG.error("Cannot list the nested containers checkpointed in {}: {}", root, e.toString());
            return List.of();
        }
        List<Nested> nested = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                Optional<byte[]> container = AtomicFiles.read(dir.resolve("container.pb"));
                if (container.isPresent()) {
                    nested.add(decode(container.get(), AtomicFiles.read(dir.resolve("termination.pb"))));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot recover the nested container checkpointed in {}: {}", dir, e.toString());
            }
        }
        return nested;
    }

    static Nested decode(byte[] container, Optional<byte[]> termination) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(container);
        String id = "";
        String parentId = "";
        long pid = 0;
        long start = 0;
        String sandbox = "";
        boolean share = true;
        List<Resource> resources = new ArrayList<>();
        Map<String, Double> limits = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> id = in.readString();
                case 2 -> parentId = in.readString();
                case 3 -> pid = in.readInt64();
                case 4 -> start = in.readInt64();
                case 5 -> sandbox = in.readString();
                case 6 -> share = in.readBool();
                case 7 -> resources.add(in.readMessage(Resource.parser(), ExtensionRegistryLite.getEmptyRegistry()));
                case 8 -> {
                    String limit = in.readString();
                    int eq = limit.indexOf('=');
                    limits.put(limit.substring(0, eq), Double.parseDouble(limit.substring(eq + 1)));
                }
                default -> in.skipField(tag);
            }
        }
        ContainerConfig config = new ContainerConfig(id, parentId, Path.of(sandbox), ExecutorContainers.scalars(resources),
                limits, true, share);
        return new Nested(config, resources, pid, start, decodeTermination(termination));
    }
}
