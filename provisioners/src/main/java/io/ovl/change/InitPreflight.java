package io.ovl.change;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.DoctorProgress;
import io.ovl.doctor.DoctorReport;
import io.ovl.doctor.DoctorRunner;
import io.ovl.doctor.FactGatherer;
import io.ovl.doctor.IgnoreList;
import io.ovl.doctor.PortProber;
import io.ovl.doctor.ProbeOutcome;
import io.ovl.doctor.ProbeReport;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.HostHandle;
import io.ovl.topology.Host;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * init's preflight: doctor's checks that matter for the change, run over the hosts init already
 * holds (one {@link HostHandle}, one SSH connection, per host for the whole command), before anything
 * changes. Issue #6, step 1.
 *
 * <p>Each doctor check has one of three roles here ({@link #ROLES}):
 * <ul>
 *   <li>{@link Role#GATE}: a failure stops init (exit 3), with doctor's explanation and fix;</li>
 *   <li>{@link Role#ADVISE}: run and printed, a failure is a warning: informational, or set right
 *       by init itself;</li>
 *   <li>{@link Role#LEAVE_OUT}: not reported, because it describes the state init is about to
 *       create (dockerd.cluster-store, dockerd.log, the swarm's nodes) or init checks the same
 *       thing more exactly (dockerd.config-conflict: init compares daemon.json with the flags of
 *       the drop-in it actually renders, see {@code kvmode.Preflight#DAEMON_JSON_CONFLICTS}).</li>
 * </ul>
 * The KV store checks gate when the store is an existing one (nothing init could start); for a
 * store ovl runs, only a blocked store port gates, since init starts the store itself and asks it
 * from every host before any dockerd restarts.
 */
public final class InitPreflight {
    public enum Role { GATE, ADVISE, LEAVE_OUT }

    /** The role of every doctor check; a test makes sure no check of doctor's is missing. */
    public static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("ssh.reachable", Role.GATE),
            Map.entry("sudo.works", Role.GATE),
            Map.entry("kernel.version", Role.GATE),
            Map.entry("kernel.vxlan", Role.GATE),
            Map.entry("docker.version", Role.GATE),
            Map.entry("docker.mode-compat", Role.GATE),
            Map.entry("advertise.address", Role.GATE),
            Map.entry("mtu.headroom", Role.GATE),
            Map.entry("subnet.overlap", Role.GATE),
            Map.entry("ports.free", Role.GATE),
            Map.entry("host.hostname-unique", Role.GATE),
            Map.entry("docker.engine-id-unique", Role.GATE),
            Map.entry("ports.reachable", Role.GATE),
            Map.entry("esp.reachable", Role.GATE),
            Map.entry("kv.reachable", Role.GATE),
            Map.entry("kv.healthy", Role.GATE),
            Map.entry("kv.tls-files", Role.GATE),
            // a warning: a store from an earlier run (or by hand) exposed; init binds its own to the underlay
            Map.entry("kv.store-exposed", Role.ADVISE),
            Map.entry("clock.skew", Role.ADVISE),
            Map.entry("overlay.networks", Role.ADVISE),
            Map.entry("swarm.engine-versions", Role.ADVISE),
            Map.entry("dockerd.config-conflict", Role.LEAVE_OUT),
            Map.entry("dockerd.log", Role.LEAVE_OUT),
            Map.entry("dockerd.cluster-store", Role.LEAVE_OUT),
            Map.entry("swarm.node", Role.LEAVE_OUT),
            Map.entry("swarm.managers", Role.LEAVE_OUT));

    private final ParallelHosts parallel;
    private final FactGatherer gatherer;
    private final PortProber prober;
    private final DoctorProgress progress;

    public InitPreflight(ParallelHosts parallel, FactGatherer gatherer, PortProber prober, DoctorProgress progress) {
        this.parallel = parallel;
        this.gatherer = gatherer;
        this.prober = prober;
        this.progress = progress;
    }

    /**
     * Gathers doctor's facts and probes ports over init's hosts, lent (they stay open), then judges.
     *
     * @param hosts a host's handle in init's run, or an {@link io.ovl.core.OvlException} saying why there is none
     */
    public PreflightReport run(Topology topology, String topologyFile, Function<Host, HostHandle> hosts,
                               IgnoreList ignore) {
        DoctorRunner runner = DoctorRunner.overLent(hosts, parallel, gatherer, Optional.of(prober), progress);
        DoctorContext context = runner.gather(topology);
        return judge(topology, DoctorRunner.evaluate(context, topologyFile, ignore), context.probes());
    }

    /** The pure half: applies {@link #ROLES} and the store rule to doctor's report. */
    public static PreflightReport judge(Topology topology, DoctorReport report, Optional<ProbeReport> probes) {
        List<Finding> out = new ArrayList<>();
        for (Finding r : report.results().toList()) {
            Role role = ROLES.getOrDefault(r.subject(), Role.GATE);
            if (role == Role.LEAVE_OUT) {
                continue;
            }
            if (r.isError() && (role == Role.ADVISE || initStartsTheStore(topology, r, probes))) {
                out.add(r.withSeverity(Severity.WARNING));
            } else {
                out.add(r);
            }
        }
        return new PreflightReport(false, out);
    }

    private static final Set<String> STORE_STATE_CHECKS = Set.of("kv.reachable", "kv.healthy");

    /**
     * A store that does not answer (kv.reachable) or not healthily (kv.healthy) is what init sets
     * right itself when the store is ovl's and nothing blocked its port: init starts it and waits
     * until it answers from every host before any dockerd restarts. Other kv.* failures, such as
     * kv.tls-files, are nothing init creates and still stop it.
     */
    public static boolean initStartsTheStore(Topology topology, Finding r, Optional<ProbeReport> probes) {
        Optional<KvStore> kv = topology.kvStore();
        if (!STORE_STATE_CHECKS.contains(r.subject()) || kv.isEmpty() || kv.get().isExternal()) {
            return false;
        }
        if (r.subject().equals("kv.healthy")) {
            return true;
        }
        return probes.map(p -> p.outcomes().stream().noneMatch(o -> o.source().equals(r.host())
                && kv.get().hosts().contains(o.target()) && o.need().port() == kv.get().port()
                && o.result() == ProbeOutcome.Result.NOT_RECEIVED)).orElse(false);
    }
}
