package io.osmos.executor;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Test;

public class DurationsTest {

    @Test
    public void parsesMesosUnits() {
        assertEquals(Duration.ofMinutes(15), Durations.parse("15mins"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30secs"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5secs"));
        assertEquals(Duration.ofHours(2), Durations.parse("2hrs"));
        assertEquals(Duration.ofDays(14), Durations.parse("2weeks"));
        assertEquals(Duration.ofNanos(7), Durations.parse("7ns"));
        assertEquals(Duration.ofNanos(7000), Durations.parse("7us"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsUnknownUnits() {
        Durations.parse("5s");
    }

    @Test(expected = IllegalArgumentException.class)
    public void rejectsMissingNumbers() {
        Durations.parse("secs");
    }
}
