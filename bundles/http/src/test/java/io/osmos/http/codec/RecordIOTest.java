package io.osmos.http.codec;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

import io.osmos.proto.v1.scheduler.Event;

public class RecordIOTest {

    private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";

    private final List<String> records = new ArrayList<>();
    private final RecordIOReader reader = new RecordIOReader(1024,
            record -> records.add(new String(record, StandardCharsets.UTF_8)));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] stream(String... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String record : records) {
            out.writeBytes(RecordIO.frame(ascii(record)));
        }
        return out.toByteArray();
    }

    private String failure(String input) {
        return assertThrows(RecordIOException.class, () -> reader.feed(ascii(input))).getMessage();
    }

    @Test
    public void frameIsDecimalLengthLineFeedAndTheBytes() {
        byte[] json = MesosJson.toJson(Event.newBuilder().setType(Event.Type.HEARTBEAT));

        assertEquals("20\n" + HEARTBEAT, new String(RecordIO.frame(json), StandardCharsets.UTF_8));
        assertArrayEquals(ascii("20\n"), RecordIO.header(20));
    }

    @Test
    public void lengthCountsBytesNotCharacters() {
        assertEquals("2\n\u00e9", new String(RecordIO.frame(ascii("\u00e9")), StandardCharsets.UTF_8));
    }

    @Test
    public void emptyRecordsCannotBeFramed() {
        assertThrows(IllegalArgumentException.class, () -> RecordIO.frame(new byte[0]));
    }

    @Test
    public void recordsFedOneByteAtATimeAreReassembled() {
        byte[] bytes = stream(HEARTBEAT, "x", "{\"type\":\"SUBSCRIBED\"}");

        for (byte b : bytes) {
            reader.feed(new byte[] {b});
        }

        assertEquals(List.of(HEARTBEAT, "x", "{\"type\":\"SUBSCRIBED\"}"), records);
        assertFalse(reader.hasPartialRecord());
    }

    @Test
    public void recordsInOneBigChunkAreSplit() {
        reader.feed(stream(HEARTBEAT, "ab", HEARTBEAT));

        assertEquals(List.of(HEARTBEAT, "ab", HEARTBEAT), records);
    }

    @Test
    public void chunksMaySplitHeadersAndBodiesAnywhere() {
        byte[] bytes = stream("0123456789", HEARTBEAT);
        // Padding around the slice checks that offsets are honoured.
        byte[] padded = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);

        reader.feed(padded, 2, 1);
        assertTrue(reader.hasPartialRecord());
        reader.feed(padded, 3, 5);
        reader.feed(padded, 8, 9);
        reader.feed(padded, 17, bytes.length - 15);

        assertEquals(List.of("0123456789", HEARTBEAT), records);
        assertFalse(reader.hasPartialRecord());
    }

    @Test
    public void truncatedStreamLeavesAPartialRecord() {
        reader.feed(ascii("5\nab"));

        assertTrue(records.isEmpty());
        assertTrue(reader.hasPartialRecord());
    }

    @Test
    public void nonDigitInTheLengthIsRejected() {
        assertEquals("Invalid RecordIO stream: unexpected byte 0x61 in the record length", failure("2a\n{}"));
    }

    @Test
    public void carriageReturnIsNotALineFeed() {
        assertEquals("Invalid RecordIO stream: unexpected byte 0x0d in the record length", failure("2\r\n{}"));
    }

    @Test
    public void zeroAndEmptyLengthsAreRejected() {
        assertEquals("Invalid RecordIO stream: record length 0", failure("0\n"));
        assertEquals("Invalid RecordIO stream: empty record length",
                assertThrows(RecordIOException.class,
                        () -> new RecordIOReader(10, r -> { }).feed(ascii("\n"))).getMessage());
    }

    @Test
    public void lengthAboveTheMaximumIsRejectedBeforeTheBody() {
        assertEquals("Invalid RecordIO stream: record length exceeds the maximum of 1024 bytes", failure("1025"));
    }

    @Test
    public void headerLongerThanTwentyDigitsIsRejected() {
        assertEquals("Invalid RecordIO stream: record length longer than 20 digits",
                failure("0".repeat(20) + "1"));
    }

    @Test
    public void leadingZerosAreAllowed() {
        reader.feed(ascii("0002\nok"));

        assertEquals(List.of("ok"), records);
    }

    @Test
    public void readerStaysFailedAfterAnError() {
        failure("x");

        RecordIOException again = assertThrows(RecordIOException.class, () -> reader.feed(ascii("2\nok")));
        assertTrue(again.getMessage(), again.getMessage().startsWith("RecordIO stream already failed"));
        assertTrue(records.isEmpty());
    }
}
