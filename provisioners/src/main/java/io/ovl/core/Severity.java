package io.ovl.core;

/**
 * How much a {@link Finding} matters. {@link #ERROR} and {@link #WARNING} are problems: an error
 * makes the input invalid or stops the command before it changes anything, a warning is printed and
 * the command goes on. {@link #PASS} and {@link #SKIP} are what a check that found no problem
 * reports: that it looked and all was well, or that it could not look (host not reached, a fact
 * missing, not this mode). Only doctor's checks (also run by init's preflight) report them, because
 * doctor shows every check on every host, including the good ones, and counts them.
 */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    PASS("pass"),
    SKIP("skip");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** "error", "warning", "pass", "skip". */
    public String label() {
        return label;
    }

    /** ERROR or WARNING: something to fix, as opposed to a check's report that it found nothing. */
    public boolean isProblem() {
        return this == ERROR || this == WARNING;
    }
}
