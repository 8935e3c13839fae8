package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovl.facts.UnparseableOutputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockSampleTest {
    @Test
    void secondsWithAFractionAreTheRemoteTime() {
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 500_000_000),
                ClockSample.parse(Instant.EPOCH, Instant.EPOCH, "1700000000.500000000\n").remote());
        assertEquals(Instant.ofEpochSecond(100), ClockSample.parse(Instant.EPOCH, Instant.EPOCH, "100\n").remote());
        assertEquals(Instant.ofEpochSecond(-2, 500_000_000), ClockSample.parse(Instant.EPOCH, Instant.EPOCH, "-1.5").remote());
    }

    @Test
    void anythingElseIsUnparseableOutputSayingWhatCame() {
        for (String bad : new String[] {"", "soon", "1700000000.%N", "1e999999999", "99999999999999999999.5", "1.2.3"}) {
            UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                    () -> ClockSample.parse(Instant.EPOCH, Instant.EPOCH, bad));
            assertEquals(true, e.getMessage().startsWith("output of `date +%s.%N`: "), e.getMessage());
        }
    }
}
