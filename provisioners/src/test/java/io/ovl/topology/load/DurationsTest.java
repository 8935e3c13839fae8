package io.ovl.topology.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void unitsAndCombinations() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), Durations.parse("10s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("1m30s"));
    }

    @Test
    void refusesOtherText() {
        assertEquals(Optional.empty(), Durations.parse("10"));
        assertEquals(Optional.empty(), Durations.parse("10 seconds"));
        assertEquals(Optional.empty(), Durations.parse("0s"));
        assertEquals(Optional.empty(), Durations.parse("-1s"));
    }
}
