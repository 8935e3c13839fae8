package io.ovl.doctor;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A host's clock read over SSH ({@code date +%s.%N}) between two readings of the local clock. The
 * host's offset from the local clock is known to within half the round trip.
 */
public record ClockSample(Instant localBefore, Instant localAfter, Instant remote) {

    public static ClockSample parse(Instant before, Instant after, String dateOutput) {
        BigDecimal seconds = new BigDecimal(dateOutput.strip());
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return new ClockSample(before, after, Instant.ofEpochSecond(whole, nanos));
    }

    /** Remote minus local (midpoint of the round trip); positive when the host is ahead. */
    public Duration offset() {
        Instant mid = localBefore.plus(Duration.between(localBefore, localAfter).dividedBy(2));
        return Duration.between(mid, remote);
    }

    /** Half the round trip: the offset is right to within this. */
    public Duration uncertainty() {
        return Duration.between(localBefore, localAfter).dividedBy(2);
    }
}
