package io.osmos.http.codec;

import java.nio.charset.StandardCharsets;

/**
 * Mesos RecordIO framing ({@code docs/recordio.md}): each record is its length in decimal ASCII,
 * a line feed, then exactly that many bytes. No magic header and no trailing line feed.
 * Decoding is done by {@link RecordIOReader}.
 */
public final class RecordIO {

    private RecordIO() {
    }

    /** The record preceded by its length header, e.g. {@code 20\n{"type":"HEARTBEAT"}}. */
    public static byte[] frame(byte[] record) {
        byte[] header = header(record.length);
        byte[] framed = new byte[header.length + record.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(record, 0, framed, header.length, record.length);
        return framed;
    }

    /**
     * Only the header, for writers that send header and record as separate buffers.
     *
     * @throws IllegalArgumentException for a length below 1, which the grammar does not allow
     */
    public static byte[] header(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("RecordIO records cannot be empty");
        }
        return (length + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
