package io.ovl.core;

/**
 * Every exit code ovl returns, in one place. CI scripts branch on these, so the numbers are a
 * public contract: never renumber, only add. Every command follows this one table (README.md,
 * "Exit codes"); {@code --output json} carries the same number as {@code "exit"} and, for a
 * failure, {@link #key()} as {@code "failure": {"kind": ...}}.
 *
 * <p>The line between 3 and 4 is "could anything have changed?":
 * <ul>
 * <li>3: the run ended before changing anything: a check failed, a refusal (containers attached,
 *     a dockerd without a cluster store, a name already taken, the run lock held by another run),
 *     or a host could not be reached or read by a command that only reads (doctor, net ls, net
 *     inspect, net verify, the preflight of init, reset and migrate, any --dry-run). Safe to fix
 *     the cause and run again.
 * <li>4: a change was attempted and a host failed during it, or it was made but is not seen where
 *     it must be: look at the summary, something may have changed.
 * </ul>
 * A bad argument or an invalid topology file is always 2, also when a host was already contacted.
 */
public enum ExitCode {
    OK(0, "ok", "success"),
    /** Internal error: a bug in ovl, reported with its message (stack trace with --verbose). */
    SOFTWARE(1, "internal", "unexpected internal error (a bug; --verbose shows the stack trace)"),
    USAGE(2, "usage", "invalid input or usage: bad arguments, an invalid or missing topology file, not confirmed"),
    CHECKS_FAILED(3, "checks-failed", "checks failed or refused, nothing was changed (also: a host could not be"
            + " reached or read before any change)"),
    HOST_FAILED(4, "host-failed", "a host operation failed while changing hosts (see the summary; something may"
            + " have changed)"),
    INTERRUPTED(130, "interrupted", "interrupted (Ctrl-C)");

    private final int code;
    private final String key;
    private final String meaning;

    ExitCode(int code, String key, String meaning) {
        this.code = code;
        this.key = key;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** The name scripts read in JSON output ({@code "failure": {"kind": KEY}}): "checks-failed", ... */
    public String key() {
        return key;
    }

    public String meaning() {
        return meaning;
    }

    /** The code with this number; an unknown number (never returned by ovl) is an internal error. */
    public static ExitCode of(int code) {
        for (ExitCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return SOFTWARE;
    }
}
