package io.osmos.registry.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The record framing of the log and the snapshot: a little-endian {@code int} length, the
 * {@code int} CRC32C of the payload, then the payload (a protobuf message). A record is never empty.
 *
 * <p>Reading tells a torn tail (the process or machine died while the last batch was being written:
 * an incomplete header, a length running past the end, a bad checksum on the last record, or zeros
 * to the end) from corruption in the middle (a bad record followed by more data), which is refused.
 */
final class Records {

    static final int HEADER = 8;
    /** No operation or snapshot comes near this; a larger length is garbage. */
    static final int MAX_RECORD = 256 * 1024 * 1024;

    private Records() {
    }

    /** One framed record. */
    static ByteBuffer frame(byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("A record is never empty");
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
        return buffer;
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** What a scan found: the payloads, and where the valid records end. */
    record Scan(List<byte[]> payloads, long validLength, String tornTail) {
    }

    /**
     * Reads every record of {@code bytes}.
     *
     * @throws CorruptedLogException when a record in the middle is damaged
     */
    static Scan scan(byte[] bytes, String name) throws CorruptedLogException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> payloads = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            String problem = problem(buffer, bytes, at);
            if (problem == null) {
                int length = buffer.getInt(at);
                byte[] payload = new byte[length];
                System.arraycopy(bytes, at + HEADER, payload, 0, length);
                payloads.add(payload);
                at += HEADER + length;
                continue;
            }
            if (tornTail(buffer, bytes, at)) {
                return new Scan(payloads, at, problem + " at offset " + at + " of " + name);
            }
            throw new CorruptedLogException(name + " is corrupted at offset " + at + " (" + problem
                    + ") with " + (bytes.length - at) + " bytes after it; refusing to recover from it");
        }
        return new Scan(payloads, at, null);
    }

    /** Null when a whole, intact record starts at {@code at}. */
    private static String problem(ByteBuffer buffer, byte[] bytes, int at) {
        if (bytes.length - at < HEADER) {
            return "incomplete record header";
        }
        int length = buffer.getInt(at);
        if (length <= 0 || length > MAX_RECORD) {
            return "invalid record length " + length;
        }
        if ((long) at + HEADER + length > bytes.length) {
            return "record of " + length + " bytes runs past the end";
        }
        if (crc(bytes, at + HEADER, length) != buffer.getInt(at + 4)) {
            return "checksum mismatch";
        }
        return null;
    }

    /** A damaged record is a torn tail when nothing but it, or zeros, follow. */
    private static boolean tornTail(ByteBuffer buffer, byte[] bytes, int at) {
        if (bytes.length - at < HEADER) {
            return true;
        }
        int length = buffer.getInt(at);
        if (length > 0 && (long) at + HEADER + length >= bytes.length) {
            return true;
        }
        for (int i = at; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Damage that a crash cannot explain: recovery stops. */
    static final class CorruptedLogException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptedLogException(String message) {
            super(message);
        }
    }
}
