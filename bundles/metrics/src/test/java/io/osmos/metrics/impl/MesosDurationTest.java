package io.osmos.metrics.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;

import org.junit.Test;

public class MesosDurationTest {

    @Test
    public void mesosUnitsParse() {
        assertEquals(Duration.ofSeconds(5), MesosDuration.parse("5secs"));
        assertEquals(Duration.ofMillis(500), MesosDuration.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), MesosDuration.parse("1.5mins"));
        assertEquals(Duration.ofNanos(10), MesosDuration.parse("10ns"));
        assertEquals(Duration.ofDays(14), MesosDuration.parse("2weeks"));
    }

    @Test
    public void anythingElseIsRejectedWithAMessageNamingIt() {
        assertEquals("Unknown duration unit 'seconds'",
                assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse("5seconds")).getMessage());
        assertEquals("Invalid duration '5'",
                assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse("5")).getMessage());
        assertEquals("Invalid duration 'secs'",
                assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse("secs")).getMessage());
        assertEquals("Invalid duration '1.2.3secs'",
                assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse("1.2.3secs")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MesosDuration.parse(""));
    }
}
