package io.ovl.topology.load;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: "500ms", "10s", "2m", "1h", "1m30s", from 1 ms
 * up to {@link #MAX}.
 */
public final class Durations {
    /**
     * The longest duration ovl accepts. SSHJ takes its connect timeout as an int of milliseconds
     * (at most 2^31-1 ms, about 596.5 h); every duration of the file shares the one limit so that a
     * value valid in one key is valid in all.
     */
    public static final Duration MAX = Duration.ofHours(596);
    public static final String MAX_TEXT = "596h";
    public static final String FORMAT_HINT = "write a number with a unit: 500ms, 10s, 2m, 1h, or combined like 1m30s";

    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** Why a text is not a usable duration: the message and what to write instead. */
    public static final class DurationException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String fix;

        DurationException(String message, String fix) {
            super(message);
            this.fix = fix;
        }

        public String fix() {
            return fix;
        }
    }

    /** The duration, or empty when the text is not one, is zero or is longer than {@link #MAX}. */
    public static Optional<Duration> parse(String text) {
        try {
            return Optional.of(parseChecked(text));
        } catch (DurationException e) {
            return Optional.empty();
        }
    }

    /** The duration; a {@link DurationException} saying why (for the user) when it is not usable. */
    public static Duration parseChecked(String text) {
        String t = text.strip();
        if (!WHOLE.matcher(t).matches()) {
            throw new DurationException("'" + text + "' is not a duration", FORMAT_HINT);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            total = total.plus(part(m.group(1), m.group(2), text));
            if (total.compareTo(MAX) > 0) {
                throw tooLong(text);
            }
        }
        if (total.isZero()) {
            throw new DurationException("'" + text + "' is zero", "give a positive duration such as 10s");
        }
        return total;
    }

    private static Duration part(String digits, String unit, String text) {
        // More digits than any duration up to MAX has, even in ms: refuse before Long.parseLong overflows.
        String n = digits.replaceFirst("^0+(?=\\d)", "");
        if (n.length() > 12) {
            throw tooLong(text);
        }
        long v = Long.parseLong(n);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
    }

    private static DurationException tooLong(String text) {
        return new DurationException("'" + text + "' is longer than the maximum " + MAX_TEXT,
                "give at most " + MAX_TEXT + " (about 24 days; SSH takes timeouts up to 2^31-1 ms), e.g. 10s or 10m");
    }
}
