package io.ovl.kvmode;

import io.ovl.change.PreflightReport;
import io.ovl.core.Finding;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kv init's checks in the order the plan reports them: doctor's failures first (they carry the
 * fix), then init's own ({@link Preflight#DEFAULT}) without what doctor already said.
 */
public final class DoctorFirst {
    /**
     * init's own checks that say what a doctor check already said, with doctor's fix text: when the
     * doctor check failed on a host, the own check's blocker for that host is left out, so each
     * problem is reported once. They still block alone with --skip-checks or --ignore, since init
     * cannot plan or safely restart without what they require.
     */
    private static final Map<String, Set<String>> SAID_BY_DOCTOR = Map.of(
            "docker.up", Set.of("ssh.reachable", "sudo.works", "docker.version"),
            "docker.unit", Set.of("ssh.reachable", "sudo.works"),
            "engine.cluster-store", Set.of("docker.mode-compat"),
            "swarm.inactive", Set.of("docker.mode-compat"),
            "store.reachable", Set.of("ssh.reachable", "kv.reachable", "kv.healthy", "kv.tls-files"));

    /**
     * The checks to give {@link Planner}: doctor's failures ({@code report}) first, then {@code own}, each without
     * the blockers a doctor check already reported for the same host.
     */
    public static List<PreflightCheck> withOwn(PreflightReport report, List<PreflightCheck> own) {
        List<PreflightCheck> out = new ArrayList<>();
        out.add(asCheck(report));
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
                            .filter(b -> !report.failedOn(b.host(), twins)).toList();
                }
            });
        }
        return List.copyOf(out);
    }

    /** doctor's failures as one {@link PreflightCheck}, so the plan carries them and apply refuses it. */
    private static PreflightCheck asCheck(PreflightReport report) {
        return new PreflightCheck() {
            @Override
            public String name() {
                return "doctor";
            }

            @Override
            public List<Finding> check(Topology topology, ClusterLayout layout, List<HostState> hosts) {
                return report.blockers();
            }
        };
    }

    private DoctorFirst() {
    }
}
