package io.ovl.doctor;

import java.util.Locale;

/** The outcome of one check on one host. */
public enum Status {
    PASS, WARN, FAIL,
    /** The check could not run or does not apply here (host unreachable, a fact missing, not this mode). */
    SKIP;

    /** "pass", "warn", "fail", "skip": the word used in JSON and in the human view. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
