package io.ovl.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the report: one check on one host.
 *
 * @param status  after severity and --ignore were applied
 * @param ignored true when the check failed and --ignore turned that into a warning
 */
public record CheckResult(String check, String host, Status status, String message, Optional<String> hint,
                          boolean ignored) {
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }
}
