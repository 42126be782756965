package io.osmos.http.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code READ_FILE}'s bounded read with Mesos' checks, in Mesos' order. Blocking: run it off the event loop. */
public final class FileReads {

    /**
     * The most bytes one READ_FILE returns. Mesos caps a read at 16 pages; we allow more because a
     * v1 client pages with offset and length anyway, and this matches the API's 16 MiB body limit.
     */
    public static final int MAX_READ = 16 * 1024 * 1024;
    /** Mesos' answer (404) for a path that names nothing attached, whatever the reason. */
    public static final String NOT_FOUND = "File not found";

    private static final Logger LOG = LoggerFactory.getLogger(FileReads.class);

    private FileReads() {
    }

    /**
     * Reads at most {@code length} bytes (all up to {@link #MAX_READ} when absent or out of range)
     * from {@code offset} of the file {@code resolve} finds. A negative offset is refused before
     * the path is looked at, as Mesos does; {@code offset} and {@code length} are uint64 on the
     * wire, so a negative long stands for a value above 2^63.
     *
     * @param resolve the real path of the requested file, or empty when the request names nothing attached
     */
    public static FileRead read(Supplier<Optional<Path>> resolve, long offset, Optional<Long> length) {
        if (offset < 0) {
            return FileRead.failed(400, "Negative offset provided: " + offset);
        }
        long wanted = length.filter(l -> l >= 0 && l < MAX_READ).orElse((long) MAX_READ);
        return resolve.get().map(file -> read(file, offset, (int) wanted))
                .orElseGet(() -> FileRead.failed(404, NOT_FOUND));
    }

    private static FileRead read(Path file, long offset, int length) {
        if (Files.isDirectory(file)) {
            return FileRead.failed(400, "Cannot read a directory");
        }
        // Opening a FIFO or a device would block an I/O thread for good.
        if (!Files.isRegularFile(file)) {
            return FileRead.failed(400, "Cannot read a file that is not a regular file");
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
            return FileRead.of(size, ByteString.copyFrom(data));
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.toString());
            return FileRead.failed(500, "Failed to read file: " + e.getMessage());
        }
    }
}
