package io.ovl.topology.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void upToTheMaximumThatSshCanHoldAndNotBeyond() {
        assertEquals(Duration.ofHours(596), Durations.parseChecked("596h"));
        assertEquals(Duration.ofHours(596), Durations.parseChecked("595h60m"));
        // SSHJ takes the connect timeout as int milliseconds: 597h would overflow it.
        assertTrue(Durations.MAX.toMillis() <= Integer.MAX_VALUE && Durations.MAX.plusHours(1).toMillis() > Integer.MAX_VALUE);
        for (String tooLong : new String[] {"597h", "596h1ms", "2147484s", "99999999999999999999s", "9223372036854775807h",
                "000000000000000000000000000001s1000000000000h"}) {
            Durations.DurationException e = assertThrows(Durations.DurationException.class, () -> Durations.parseChecked(tooLong));
            assertEquals("'" + tooLong + "' is longer than the maximum 596h", e.getMessage());
        }
    }

    @Test
    void leadingZerosDoNotCountAsLength() {
        assertEquals(Duration.ofSeconds(10), Durations.parseChecked("0000000000000000000010s"));
    }

    @Test
    void zeroSaysItIsZero() {
        Durations.DurationException e = assertThrows(Durations.DurationException.class, () -> Durations.parseChecked("0ms"));
        assertEquals("'0ms' is zero", e.getMessage());
    }
}
