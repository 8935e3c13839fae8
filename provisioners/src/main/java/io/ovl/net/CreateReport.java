package io.ovl.net;

import io.ovl.core.ExitCode;
import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@code net create}.
 *
 * @param createdOn where it was created; empty when the checks blocked it or creating failed
 * @param seenOn    overlay hosts that list it afterwards
 * @param missingOn overlay hosts that did not list it in time
 * @param error     why creating failed (Docker's words), empty when it did not
 * @param interrupted the run was interrupted: not created if {@code createdOn} is empty, else created
 *                    and not waited for on the hosts in {@code missingOn}
 */
public record CreateReport(NetworkSpec spec, CreateCheck check, Optional<String> createdOn, List<String> seenOn,
                           List<String> missingOn, Optional<String> error, boolean interrupted) {
    public CreateReport {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(createdOn, "createdOn");
        seenOn = List.copyOf(seenOn);
        missingOn = List.copyOf(missingOn);
        Objects.requireNonNull(error, "error");
    }

    /** A run that was not interrupted. */
    public CreateReport(NetworkSpec spec, CreateCheck check, Optional<String> createdOn, List<String> seenOn,
                        List<String> missingOn, Optional<String> error) {
        this(spec, check, createdOn, seenOn, missingOn, error, false);
    }

    static CreateReport blocked(NetworkSpec spec, CreateCheck check) {
        return new CreateReport(spec, check, Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    /**
     * 3 when a check refused it (nothing changed), 130 when interrupted, 4 when creating failed or a
     * host does not see it, else 0.
     */
    public ExitCode exitCode() {
        if (check.blocked()) {
            return ExitCode.CHECKS_FAILED;
        }
        if (interrupted) {
            return ExitCode.INTERRUPTED;
        }
        if (error.isPresent() || !missingOn.isEmpty()) {
            return ExitCode.HOST_FAILED;
        }
        return ExitCode.OK;
    }
}
