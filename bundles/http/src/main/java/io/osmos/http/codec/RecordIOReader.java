package io.osmos.http.codec;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Incremental RecordIO decoder: feed it the bytes of a stream in chunks of any size and it hands
 * each complete record to the consumer, in order. Not thread-safe; feed from one thread at a time.
 * After a {@link RecordIOException} the stream is out of sync and every further feed fails. If the
 * consumer throws, the exception propagates and the rest of that chunk is dropped.
 */
public final class RecordIOReader {

    // 20 digits hold any uint64, which is all Mesos' grammar allows.
    private static final int MAX_HEADER_DIGITS = 20;

    private final int maxRecordSize;
    private final Consumer<byte[]> consumer;

    private int digits;
    private long length;
    private byte[] record;
    private int filled;
    private String failure;

    /**
     * @param maxRecordSize the largest record accepted, in bytes
     * @param consumer receives each complete record
     */
    public RecordIOReader(int maxRecordSize, Consumer<byte[]> consumer) {
        if (maxRecordSize < 1) {
            throw new IllegalArgumentException("maxRecordSize must be positive: " + maxRecordSize);
        }
        this.maxRecordSize = maxRecordSize;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    public void feed(byte[] bytes, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        if (failure != null) {
            throw new RecordIOException("RecordIO stream already failed: " + failure);
        }
        int position = offset;
        int end = offset + count;
        while (position < end) {
            if (record == null) {
                position = readHeader(bytes, position, end);
            } else {
                int n = Math.min(end - position, record.length - filled);
                System.arraycopy(bytes, position, record, filled, n);
                filled += n;
                position += n;
                if (filled == record.length) {
                    byte[] complete = record;
                    record = null;
                    filled = 0;
                    consumer.accept(complete);
                }
            }
        }
    }

    /** True when the bytes fed so far end inside a header or a record, e.g. a truncated stream. */
    public boolean hasPartialRecord() {
        return digits > 0 || record != null;
    }

    private int readHeader(byte[] bytes, int position, int end) {
        while (position < end) {
            byte b = bytes[position++];
            if (b == '\n') {
                startRecord();
                return position;
            }
            if (b < '0' || b > '9') {
                throw failed(String.format("unexpected byte 0x%02x in the record length", b & 0xff));
            }
            if (++digits > MAX_HEADER_DIGITS) {
                throw failed("record length longer than " + MAX_HEADER_DIGITS + " digits");
            }
            length = length * 10 + (b - '0');
            // Checking as we go keeps the long from overflowing on 20 digits.
            if (length > maxRecordSize) {
                throw failed("record length exceeds the maximum of " + maxRecordSize + " bytes");
            }
        }
        return position;
    }

    private void startRecord() {
        if (digits == 0) {
            throw failed("empty record length");
        }
        if (length == 0) {
            throw failed("record length 0");
        }
        record = new byte[(int) length];
        filled = 0;
        digits = 0;
        length = 0;
    }

    private RecordIOException failed(String reason) {
        failure = reason;
        return new RecordIOException("Invalid RecordIO stream: " + reason);
    }
}
