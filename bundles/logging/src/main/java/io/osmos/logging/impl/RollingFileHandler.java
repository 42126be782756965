package io.osmos.logging.impl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * A java.util.logging file handler that keeps its file's name: it appends to {@code osmos.log} and,
 * once that passes the size limit, renames it {@code osmos.log.1} (older ones move up, the oldest
 * beyond {@code count} files goes) and starts a new one. The JDK's {@code FileHandler} cannot do this:
 * with more than one file, the current one is always {@code osmos.log.0}. One process at a time
 * writes a file: a lock file next to it says which, as {@code FileHandler}'s does.
 */
final class RollingFileHandler extends StreamHandler {

    private final Path file;
    private final long limit;
    private final int count;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private CountingStream out;

    /**
     * Opens (creating its directory) {@code file} for appending.
     *
     * @param limit bytes after which the file is rotated
     * @param count files kept, the current one included; at least 2
     * @throws IOException when the file cannot be opened, or another process writes it
     */
    RollingFileHandler(Path file, long limit, int count) throws IOException {
        if (limit <= 0 || count < 2) {
            throw new IllegalArgumentException("A rotated log needs a positive limit and at least 2 files");
        }
        this.file = file.toAbsolutePath().normalize();
        this.limit = limit;
        this.count = count;
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lck");
        Files.createDirectories(this.file.getParent());
        this.lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock locked;
        try {
            locked = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            locked = null;
        }
        if (locked == null) {
            lockChannel.close();
            throw new IOException(this.file + " is written by another logger (" + lockFile + " is locked)");
        }
        this.lock = locked;
        setEncoding("UTF-8");
        setLevel(Level.ALL);
        try {
            open();
        } catch (IOException e) {
            unlock();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        super.publish(record);
        flush();
        if (out != null && out.written >= limit) {
            rotate();
        }
    }

    private void open() throws IOException {
        out = new CountingStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                Files.size(file));
        setOutputStream(out);
    }

    /** As FileHandler rotates: closed, renamed, reopened; a failure is reported, never thrown at the logger. */
    private void rotate() {
        super.close();
        out = null;
        try {
            for (int generation = count - 1; generation >= 1; generation--) {
                Path from = generation == 1 ? file : numbered(generation - 1);
                if (Files.exists(from)) {
                    Files.move(from, numbered(generation), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            reportError("Cannot rotate " + file, e, ErrorManager.GENERIC_FAILURE);
        }
        try {
            open();
        } catch (IOException e) {
            reportError("Cannot reopen " + file, e, ErrorManager.OPEN_FAILURE);
        }
    }

    private Path numbered(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }

    @Override
    public synchronized void close() {
        super.close();
        out = null;
        unlock();
    }

    /** The lock file goes before the lock: whoever opens it next makes a new one and locks that. */
    private void unlock() {
        try {
            Files.deleteIfExists(lockFile);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            reportError("Cannot release " + lockFile, e, ErrorManager.CLOSE_FAILURE);
        }
    }

    /** Counts the bytes written to the file, which started at {@code written}. */
    private static final class CountingStream extends FilterOutputStream {
        long written;

        CountingStream(OutputStream out, long written) {
            super(out);
            this.written = written;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }
    }
}
