package io.osmos.http.codec;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stream for large answers (a whole cluster state runs to hundreds of MB): bytes go into
 * chunks that are never copied while growing, and are joined once at the end.
 */
final class ChunkedBytes extends OutputStream {

    private static final int FIRST_CHUNK = 8 << 10;
    private static final int LARGEST_CHUNK = 8 << 20;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] chunk = new byte[FIRST_CHUNK];
    private int used;
    private long total;

    @Override
    public void write(int b) {
        if (used == chunk.length) {
            next();
        }
        chunk[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == chunk.length) {
                next();
            }
            int n = Math.min(length, chunk.length - used);
            System.arraycopy(bytes, offset, chunk, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void next() {
        full.add(chunk);
        total += chunk.length;
        chunk = new byte[Math.min(LARGEST_CHUNK, chunk.length * 2)];
        used = 0;
    }

    byte[] toByteArray() {
        long size = total + used;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Answer of " + size + " bytes is over the 2 GB an array holds");
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] done : full) {
            System.arraycopy(done, 0, all, at, done.length);
            at += done.length;
        }
        System.arraycopy(chunk, 0, all, at, used);
        return all;
    }
}
