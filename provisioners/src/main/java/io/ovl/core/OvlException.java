package io.ovl.core;

/**
 * The one exception type that carries an exit code. Its message is what the user reads: one line
 * that says what went wrong and, where we know, what to do about it.
 */
public class OvlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public OvlException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public OvlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
