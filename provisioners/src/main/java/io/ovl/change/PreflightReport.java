package io.ovl.change;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What init's preflight ({@link InitPreflight}) found: doctor's results for the checks that matter
 * to init, after --ignore and init's own gating were applied. A FAIL stops init before any change;
 * a WARN is printed and does not.
 *
 * @param skipped true with --skip-checks: doctor's checks did not run (init's own still do)
 * @param results one per check per host, in doctor's check order
 */
public record PreflightReport(boolean skipped, List<Finding> results) {
    public PreflightReport {
        Objects.requireNonNull(results, "results");
        results = List.copyOf(results);
    }

    /** The report of a run with --skip-checks. */
    public static PreflightReport skippedByRequest() {
        return new PreflightReport(true, List.of());
    }

    public List<Finding> errors() {
        return results.stream().filter(Finding::isError).toList();
    }

    public List<Finding> warnings() {
        return results.stream().filter(r -> r.severity() == Severity.WARNING).toList();
    }

    public boolean failed() {
        return !errors().isEmpty();
    }

    /** One blocker per failed check and host: doctor's failures themselves, with their explanation and fix. */
    public List<Finding> blockers() {
        return errors();
    }

    /** Whether a doctor check among {@code checks} failed on {@code host}. */
    public boolean failedOn(String host, Set<String> checks) {
        return errors().stream().anyMatch(r -> r.host().equals(host) && checks.contains(r.subject()));
    }
}
