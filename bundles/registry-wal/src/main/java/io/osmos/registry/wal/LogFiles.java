package io.osmos.registry.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;

import io.osmos.api.registry.RegistryModel;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry directory: {@code snapshot-<g>} holds the whole registry of generation {@code g}
 * (one record), {@code log-<g>} the operations after it. A new generation is made by writing
 * {@code snapshot-<g+1>.tmp}, syncing it, renaming it and syncing the directory; only then is the
 * new log created and the old generation deleted, so a crash at any step leaves one complete
 * generation to recover from.
 */
final class LogFiles {

    private static final Logger LOG = LoggerFactory.getLogger(LogFiles.class);

    private final Path dir;

    LogFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path log(long generation) {
        return dir.resolve("log-" + generation);
    }

    Path snapshot(long generation) {
        return dir.resolve("snapshot-" + generation);
    }

    /** What recovery found: the registry, its generation, and the log's valid length and record count. */
    record Recovered(RegistryModel model, long generation, long logLength, long logRecords) {
    }

    /**
     * Reads the newest snapshot and replays its log. A torn tail of the log is cut off (with a WARN);
     * damage anywhere else fails.
     */
    Recovered recover() throws IOException {
        Files.createDirectories(dir);
        long generation = newestSnapshot();
        RegistryModel model = new RegistryModel();
        if (generation > 0) {
            byte[] bytes = Files.readAllBytes(snapshot(generation));
            Records.Scan scan = Records.scan(bytes, snapshot(generation).toString());
            if (scan.payloads().size() != 1 || scan.tornTail() != null) {
                throw new Records.CorruptedLogException("Snapshot " + snapshot(generation) + " is damaged");
            }
            model = RegistryModel.of(parse(() -> RegistryState.parseFrom(scan.payloads().get(0)), generation));
        }
        Path log = log(generation);
        long length = 0;
        long records = 0;
        if (Files.exists(log)) {
            Records.Scan scan = Records.scan(Files.readAllBytes(log), log.toString());
            for (byte[] payload : scan.payloads()) {
                RegistryOperation operation = parse(() -> RegistryOperation.parseFrom(payload), generation);
                model.apply(operation);
            }
            if (scan.tornTail() != null) {
                LOG.warn("Registry log has a torn tail ({}): cutting it off after {} records; the operations in it"
                        + " were never acknowledged", scan.tornTail(), scan.payloads().size());
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    channel.truncate(scan.validLength());
                    channel.force(true);
                }
            }
            length = scan.validLength();
            records = scan.payloads().size();
        }
        deleteOlderThan(generation);
        return new Recovered(model, generation, length, records);
    }

    /** Writes the next generation's snapshot atomically; returns the new generation. */
    long writeSnapshot(long generation, RegistryState state) throws IOException {
        long next = generation + 1;
        Path temp = dir.resolve("snapshot-" + next + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = Records.frame(state.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, snapshot(next), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        return next;
    }

    /** Opens (creating) the log of a generation for appending at {@code length}. */
    FileChannel openLog(long generation, long length) throws IOException {
        boolean created = !Files.exists(log(generation));
        FileChannel channel = FileChannel.open(log(generation), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(length);
        if (created) {
            syncDirectory();
        }
        return channel;
    }

    /** Deletes every file of generations before {@code generation} (and stray temporary files). */
    void deleteOlderThan(long generation) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long of = generationOf(name);
                if (name.endsWith(".tmp") || (of >= 0 && of < generation)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private long newestSnapshot() throws IOException {
        long newest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "snapshot-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".tmp")) {
                    newest = Math.max(newest, generationOf(name));
                }
            }
        }
        return newest;
    }

    private static long generationOf(String name) {
        String number = name.startsWith("log-") ? name.substring(4)
                : name.startsWith("snapshot-") ? name.substring(9) : "";
        if (number.endsWith(".tmp")) {
            number = number.substring(0, number.length() - 4);
        }
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename is still atomic there.
            LOG.debug("Cannot sync directory {}: {}", dir, e.getMessage());
        }
    }

    private interface Parse<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private <T> T parse(Parse<T> parse, long generation) throws IOException {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new Records.CorruptedLogException("Registry generation " + generation + " in " + dir
                    + " holds a record that is not a registry message: " + e.getMessage());
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
