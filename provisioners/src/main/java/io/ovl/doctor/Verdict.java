package io.ovl.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * What a check concluded, before it is attached to a host and to --ignore.
 *
 * @param message what was found, in one line ("Engine 26.1.5 has no --cluster-store")
 * @param hint    what to do about it, for warnings and failures
 */
public record Verdict(Status status, String message, Optional<String> hint) {
    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public static Verdict pass(String message) {
        return new Verdict(Status.PASS, message, Optional.empty());
    }

    public static Verdict warn(String message, String hint) {
        return new Verdict(Status.WARN, message, Optional.of(hint));
    }

    public static Verdict fail(String message, String hint) {
        return new Verdict(Status.FAIL, message, Optional.of(hint));
    }

    public static Verdict skip(String message) {
        return new Verdict(Status.SKIP, message, Optional.empty());
    }
}
