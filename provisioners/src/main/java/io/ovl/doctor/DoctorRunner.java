package io.ovl.doctor;

import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.core.Severity;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreDialer;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs doctor: connects to every host once (in parallel), gathers its facts, runs the port probe
 * over the same connections, closes them, then evaluates every check on the facts and returns
 * the report. Nothing here prints.
 */
public final class DoctorRunner {
    private final Function<Host, HostConnection> connect;
    private final ParallelHosts parallel;
    private final FactGatherer gatherer;
    private final Optional<PortProber> prober;
    private final DoctorProgress progress;

    /**
     * @param connect opens a host's connection, throwing {@link OvlException} naming the host and step
     * @param prober  empty to skip the port probe (--no-probe)
     */
    public DoctorRunner(Function<Host, HostConnection> connect, ParallelHosts parallel, FactGatherer gatherer,
                        Optional<PortProber> prober, DoctorProgress progress) {
        this.connect = connect;
        this.parallel = parallel;
        this.gatherer = gatherer;
        this.prober = prober;
        this.progress = progress;
    }

    public DoctorReport run(Topology topology, String topologyFile, IgnoreList ignore) {
        return evaluate(gather(topology), topologyFile, ignore);
    }

    /**
     * The host-facing half of doctor: connects, gathers facts, probes, asks the store, closes the
     * connections, and returns what the checks evaluate. init's preflight uses it over init's own
     * sessions and then evaluates the checks that matter for init.
     */
    public DoctorContext gather(Topology topology) {
        record Opened(HostConnection connection, HostFacts facts) {
        }
        List<HostResult<Opened>> opened = parallel.forEach(topology.hosts(), Host::name, host -> {
            progress.gathering(host.name());
            HostConnection c = connect.apply(host);
            try {
                Opened o = new Opened(c, gatherer.gather(c));
                progress.gathered(host.name(), Optional.empty());
                return o;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        });
        Map<String, RemoteShell> shells = new LinkedHashMap<>();
        Map<String, StoreDialer> dialers = new LinkedHashMap<>();
        Map<String, CommandStarter> starters = new LinkedHashMap<>();
        List<GatheredHost> gathered = new ArrayList<>();
        try {
            for (int i = 0; i < opened.size(); i++) {
                Host host = topology.hosts().get(i);
                HostResult<Opened> r = opened.get(i);
                if (r.value().isPresent()) {
                    shells.put(host.name(), r.value().get().connection());
                    r.value().get().connection().storeDialer().ifPresent(d -> dialers.put(host.name(), d));
                    r.value().get().connection().starter().ifPresent(st -> starters.put(host.name(), st));
                    gathered.add(GatheredHost.reached(host, r.value().get().facts()));
                } else {
                    String error = r.error().map(OvlException::getMessage).orElse("unknown error");
                    progress.gathered(host.name(), Optional.of(error));
                    gathered.add(GatheredHost.unreachable(host, error));
                }
            }
            Optional<ProbeReport> probes = Optional.empty();
            if (prober.isPresent()) {
                progress.probing(shells.size(), PortProber.LISTEN_SECONDS);
                probes = Optional.of(prober.get().probe(topology, gathered, starters));
            }
            // TLS files first: a TLS store is asked only from hosts that have them all (else kv.tls-files says so).
            Map<String, Fact<List<String>>> tlsMissing = TlsFiles.read(topology, gathered, shells, parallel);
            Map<String, List<StoreAnswer>> storeHealth = StoreHealthAsker.ask(topology, gathered, shells, dialers,
                    tlsMissing, parallel);
            return new DoctorContext(topology, gathered, probes, storeHealth, tlsMissing);
        } finally {
            for (HostResult<Opened> r : opened) {
                r.value().ifPresent(o -> o.connection().close());
            }
        }
    }

    /** Evaluates every check on gathered facts: the pure half of doctor. */
    public static DoctorReport evaluate(DoctorContext context, String topologyFile, IgnoreList ignore) {
        return evaluate(context, topologyFile, ignore, Checks.ALL);
    }

    static DoctorReport evaluate(DoctorContext context, String topologyFile, IgnoreList ignore, List<Check> checks) {
        List<CheckSection> sections = new ArrayList<>();
        for (Check check : checks) {
            List<Finding> verdicts;
            try {
                verdicts = check.evaluate(context);
            } catch (RuntimeException e) {
                // A bug in one check must not hide the others' results: it fails on every host, visibly.
                verdicts = context.hosts().stream().map(h -> Finding.fail("internal error in check " + check.name()
                        + ": " + e, "report this as a bug in ovl").on(h.name())).toList();
            }
            List<Finding> results = verdicts.stream().map(v -> result(check, v, ignore)).toList();
            sections.add(new CheckSection(check.name(), check.description(), check.severity(), results));
        }
        return new DoctorReport(topologyFile, context.hosts().stream().map(GatheredHost::name).toList(), sections);
    }

    /**
     * One line of the report: the check's verdict on a host, named after the check, after the check's
     * severity (a WARNING check's failure is a warning) and --ignore (a failure becomes an ignored warning).
     */
    static Finding result(Check check, Finding verdict, IgnoreList ignore) {
        Finding r = verdict.about(check.name());
        if (r.isError() && check.severity() == CheckSeverity.WARNING) {
            return r.withSeverity(Severity.WARNING);
        }
        return r.isError() && ignore.ignores(check.name()) ? r.asIgnored() : r;
    }
}
