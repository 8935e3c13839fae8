package io.ovl.doctor;

import io.ovl.facts.UnparseableOutputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A host's clock read over SSH ({@code date +%s.%N}) between two readings of the local clock. The
 * host's offset from the local clock is known to within half the round trip.
 */
public record ClockSample(Instant localBefore, Instant localAfter, Instant remote) {

    /** Seconds since the epoch as {@code date +%s.%N} prints them (GNU date; busybox prints "%N" literally). */
    private static final Pattern SECONDS = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,9})?");

    /**
     * The sample from {@code date +%s.%N}'s output.
     *
     * @throws UnparseableOutputException when the output is not seconds since the epoch, or is
     *     beyond the dates Java can hold
     */
    public static ClockSample parse(Instant before, Instant after, String dateOutput) {
        String text = dateOutput.strip();
        if (!SECONDS.matcher(text).matches()) {
            throw new UnparseableOutputException("output of `date +%s.%N`: expected seconds since the epoch such as"
                    + " 1700000000.123456789, got '" + abbreviate(text) + "'");
        }
        BigDecimal seconds = new BigDecimal(text);
        try {
            long whole = seconds.toBigInteger().longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return new ClockSample(before, after, Instant.ofEpochSecond(whole, nanos));
        } catch (ArithmeticException | DateTimeException e) {
            throw new UnparseableOutputException("output of `date +%s.%N`: " + abbreviate(text) + " is not a time ovl can hold", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
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
