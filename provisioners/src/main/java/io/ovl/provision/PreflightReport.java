package io.ovl.provision;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /**
     * init's own checks that say what a doctor check already said, with doctor's fix text: when the
     * doctor check failed on a host, the own check's blocker for that host is left out, so each
     * problem is reported once. They still block alone with --skip-checks or --ignore, since init
     * cannot plan or safely restart without what they require.
     */
    static final Map<String, Set<String>> SAID_BY_DOCTOR = Map.of(
            "docker.up", Set.of("ssh.reachable", "sudo.works", "docker.version"),
            "docker.unit", Set.of("ssh.reachable", "sudo.works"),
            "engine.cluster-store", Set.of("docker.mode-compat"),
            "swarm.inactive", Set.of("docker.mode-compat"),
            "store.reachable", Set.of("ssh.reachable", "kv.reachable", "kv.healthy", "kv.tls-files"));

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

    /**
     * The checks to give {@link Planner}: doctor's failures first, then {@code own}, each without
     * the blockers a doctor check already reported for the same host.
     */
    public List<PreflightCheck> withOwn(List<PreflightCheck> own) {
        List<PreflightCheck> out = new ArrayList<>();
        out.add(asCheck());
        for (PreflightCheck check : own) {
            Set<String> twins = SAID_BY_DOCTOR.getOrDefault(check.name(), Set.of());
            out.add(twins.isEmpty() ? check : new PreflightCheck() {
                @Override
                public String name() {
                    return check.name();
                }

                @Override
                public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
                    return check.check(topology, layout, hosts).stream()
                            .filter(b -> !failedOn(b.host(), twins)).toList();
                }
            });
        }
        return List.copyOf(out);
    }

    /** doctor's failures as one {@link PreflightCheck}, so the plan carries them and apply refuses it. */
    public PreflightCheck asCheck() {
        return new PreflightCheck() {
            @Override
            public String name() {
                return "doctor";
            }

            @Override
            public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
                return blockers();
            }
        };
    }

    boolean failedOn(String host, Set<String> checks) {
        return errors().stream().anyMatch(r -> r.host().equals(host) && checks.contains(r.subject()));
    }
}
