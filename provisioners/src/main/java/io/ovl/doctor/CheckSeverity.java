package io.ovl.doctor;

import java.util.Locale;

/**
 * How bad a failing check is. An {@link #ERROR} check's failure fails the run (exit 3); a
 * {@link #WARNING} check can at worst warn: its failures are reported as warnings.
 */
public enum CheckSeverity {
    ERROR, WARNING;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
