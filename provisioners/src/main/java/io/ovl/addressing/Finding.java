package io.ovl.addressing;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found by a rule, before it is tied to a place in a file. {@code path} is the key path
 * relative to what was checked ("gateway", "aux-addresses.ip2"); callers prefix it
 * ("networks[1].gateway") or map it to a command-line flag.
 */
public record Finding(Severity severity, String path, String message, Optional<String> hint) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public static Finding error(String path, String message) {
        return new Finding(Severity.ERROR, path, message, Optional.empty());
    }

    public static Finding error(String path, String message, String hint) {
        return new Finding(Severity.ERROR, path, message, Optional.of(hint));
    }

    public static Finding warning(String path, String message) {
        return new Finding(Severity.WARNING, path, message, Optional.empty());
    }

    public static Finding warning(String path, String message, String hint) {
        return new Finding(Severity.WARNING, path, message, Optional.of(hint));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same finding under a parent key: {@code under("networks[1]")} turns "gateway" into "networks[1].gateway". */
    public Finding under(String parent) {
        String p = parent.isEmpty() ? path : path.isEmpty() ? parent : parent + "." + path;
        return new Finding(severity, p, message, hint);
    }
}
