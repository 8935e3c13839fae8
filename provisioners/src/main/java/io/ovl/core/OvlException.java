package io.ovl.core;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one exception type that carries an exit code. Its message is what the user reads: one line
 * that says what went wrong and, where we know, what to do about it.
 */
public class OvlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The convention of every host failure's message: "host NAME: what failed". */
    private static final Pattern HOST_PREFIX = Pattern.compile("^host ([^\\s:]+): ");
    private final ExitCode exitCode;
    private final List<String> hosts;

    public OvlException(ExitCode exitCode, String message) {
        this(exitCode, message, List.of(), null);
    }

    public OvlException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, List.of(), cause);
    }

    /** A failure that concerns {@code hosts} (in topology order), e.g. a refusal naming several hosts. */
    public OvlException(ExitCode exitCode, String message, List<String> hosts, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hosts = List.copyOf(hosts);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /**
     * The hosts this failure concerns: those given, else the one a "host NAME: ..." message names,
     * else none (a failure of no particular host).
     */
    public List<String> hosts() {
        if (!hosts.isEmpty()) {
            return hosts;
        }
        Matcher m = HOST_PREFIX.matcher(getMessage() == null ? "" : getMessage());
        return m.find() ? List.of(m.group(1)) : List.of();
    }
}
