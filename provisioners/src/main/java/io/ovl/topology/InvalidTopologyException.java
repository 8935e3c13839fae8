package io.ovl.topology;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

/**
 * A command that needs a valid topology got an invalid one: exit 2, the message naming the first
 * error; {@link #result()} keeps every problem (each with file, line and column) for JSON output.
 */
public final class InvalidTopologyException extends OvlException {
    private static final long serialVersionUID = 1L;
    private final transient LoadResult result;

    InvalidTopologyException(LoadResult result, String message) {
        super(ExitCode.USAGE, message);
        this.result = result;
    }

    public LoadResult result() {
        return result;
    }
}
