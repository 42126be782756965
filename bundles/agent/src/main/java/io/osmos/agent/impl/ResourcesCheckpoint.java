package io.osmos.agent.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;

import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.Resource;

/**
 * The agent's checkpointed resources, in {@code <work_dir>/meta/resources/resources.pb}: its total
 * after the last operation (static reservations as configured then, dynamic reservations,
 * persistent volumes) and its answers to the latest operations, so that an operation the master
 * sends again is answered again instead of being applied twice. The file is in protobuf wire
 * format, as if of
 *
 * <pre>
 * message ResourcesCheckpoint {
 *   repeated mesos.v1.Resource total = 1;
 *   repeated osmos.internal.AgentCall.OperationStatus answers = 2;  // oldest first, no total_resources
 * }
 * </pre>
 *
 * It is written whole to a temporary file, fsynced, renamed over the previous one, and the
 * directory is fsynced, so a crash leaves either the old checkpoint or the new one.
 */
final class ResourcesCheckpoint {

    private static final int TOTAL = 1;
    private static final int ANSWERS = 2;

    /** What the file holds. */
    record State(List<Resource> total, List<AgentCall.OperationStatus> answers) {
        State {
            total = List.copyOf(total);
            answers = List.copyOf(answers);
        }
    }

    private final Path file;

    ResourcesCheckpoint(Path workDir) {
        this.file = workDir.resolve("meta").resolve("resources").resolve("resources.pb");
    }

    Path file() {
        return file;
    }

    /** @throws UncheckedIOException if the file is there but cannot be read or decoded */
    Optional<State> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(Files.readAllBytes(file));
            List<Resource> total = new ArrayList<>();
            List<AgentCall.OperationStatus> answers = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case TOTAL -> total.add(in.readMessage(Resource.parser(), ExtensionRegistryLite.getEmptyRegistry()));
                    case ANSWERS -> answers.add(in.readMessage(AgentCall.OperationStatus.parser(),
                            ExtensionRegistryLite.getEmptyRegistry()));
                    default -> in.skipField(tag);
                }
            }
            return Optional.of(new State(total, answers));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the resources checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    void store(State state) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (Resource resource : state.total()) {
                out.writeMessage(TOTAL, resource);
            }
            for (AgentCall.OperationStatus answer : state.answers()) {
                out.writeMessage(ANSWERS, answer);
            }
            out.flush();
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the resources checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
