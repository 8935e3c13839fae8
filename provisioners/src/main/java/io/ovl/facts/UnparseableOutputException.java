package io.ovl.facts;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

/**
 * A remote command printed something its parser does not understand. The message names the
 * command, the offending line where there is one, and what was expected, so an operator can
 * compare it with the host's real output. Exit code {@link ExitCode#HOST_FAILED}: the host, not
 * the user's input, is what surprised us.
 */
public final class UnparseableOutputException extends OvlException {
    private static final long serialVersionUID = 1L;

    public UnparseableOutputException(String message) {
        super(ExitCode.HOST_FAILED, message);
    }

    public UnparseableOutputException(String message, Throwable cause) {
        super(ExitCode.HOST_FAILED, message, cause);
    }

    /** "output of `uname -r`, line 3: expected ..., got '...'" style, with the line quoted. */
    static UnparseableOutputException atLine(String source, int lineNumber, String line, String expected) {
        return new UnparseableOutputException(
                source + ", line " + lineNumber + ": expected " + expected + ", got '" + line + "'");
    }
}
