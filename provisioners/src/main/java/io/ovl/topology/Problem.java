package io.ovl.topology;

import io.ovl.addressing.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem in a topology file, where it is and what would be right. {@link #format()} gives the
 * one-line form people and editors understand:
 * {@code topology.yaml:12:5: hosts[1].adress: unknown key; did you mean 'address'?}
 */
public record Problem(
        Severity severity, String file, int line, int column, String path, String message, Optional<String> hint) {
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(':').append(line).append(':').append(column).append(": ");
        if (severity == Severity.WARNING) {
            sb.append("warning: ");
        }
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        hint.ifPresent(h -> sb.append("; ").append(h));
        return sb.toString();
    }
}
