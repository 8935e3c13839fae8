package io.ovl.core;

/**
 * Every exit code ovl returns, in one place. CI scripts branch on these, so the numbers are a
 * public contract: never renumber, only add.
 */
public enum ExitCode {
    OK(0, "success"),
    /** Internal error: a bug in ovl, reported with its message (stack trace with --verbose). */
    SOFTWARE(1, "unexpected internal error"),
    USAGE(2, "invalid input or usage: bad arguments, an invalid topology file"),
    CHECKS_FAILED(3, "checks failed: doctor or verify found a problem, nothing was changed"),
    HOST_FAILED(4, "a host operation failed: a host could not be reached or changed"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
