package io.ovl.doctor;

import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.core.Severity;
import io.ovl.facts.Fact;
import io.ovl.hosts.HostHandle;
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
 * Runs doctor: takes every host's {@link HostHandle} once (in parallel), gathers its facts, runs the
 * port probe over the same handles, closes the handles it opened, then evaluates every check on the
 * facts and returns the report. Nothing here prints.
 *
 * <p>Doctor closes only what it opened: {@code ovl doctor} has it open each host
 * ({@link #DoctorRunner}) and close it when the facts are in; init's preflight lends it the run's
 * hosts ({@link #overLent}), which init keeps open for its own steps.
 */
public final class DoctorRunner {
    private final Function<Host, HostHandle> hosts;
    private final boolean closesHosts;
    private final ParallelHosts parallel;
    private final FactGatherer gatherer;
    private final Optional<PortProber> prober;
    private final DoctorProgress progress;

    /**
     * Doctor on its own: opens each host's handle with {@code open} and closes it when done.
     *
     * @param open   opens a host's handle, throwing {@link OvlException} naming the host and step
     * @param prober empty to skip the port probe (--no-probe)
     */
    public DoctorRunner(Function<Host, HostHandle> open, ParallelHosts parallel, FactGatherer gatherer,
                        Optional<PortProber> prober, DoctorProgress progress) {
        this(open, true, parallel, gatherer, prober, progress);
    }

    private DoctorRunner(Function<Host, HostHandle> hosts, boolean closesHosts, ParallelHosts parallel,
                         FactGatherer gatherer, Optional<PortProber> prober, DoctorProgress progress) {
        this.hosts = hosts;
        this.closesHosts = closesHosts;
        this.parallel = parallel;
        this.gatherer = gatherer;
        this.prober = prober;
        this.progress = progress;
    }

    /**
     * Doctor over hosts a run lends it (init's preflight over init's hosts): it uses them and leaves
     * them open, for the lender to close.
     *
     * @param lent a host's handle in the lender's run, or an {@link OvlException} saying why there is none
     */
    public static DoctorRunner overLent(Function<Host, HostHandle> lent, ParallelHosts parallel, FactGatherer gatherer,
                                        Optional<PortProber> prober, DoctorProgress progress) {
        return new DoctorRunner(lent, false, parallel, gatherer, prober, progress);
    }

    public DoctorReport run(Topology topology, String topologyFile, IgnoreList ignore) {
        return evaluate(gather(topology), topologyFile, ignore);
    }

    /**
     * The host-facing half of doctor: takes the hosts' handles, gathers facts, probes, asks the
     * store, closes the handles it opened, and returns what the checks evaluate. init's preflight
     * uses it over init's own hosts and then evaluates the checks that matter for init.
     */
    public DoctorContext gather(Topology topology) {
        record Opened(HostHandle handle, HostFacts facts) {
        }
        List<HostResult<Opened>> opened = parallel.forEach(topology.hosts(), Host::name, host -> {
            progress.gathering(host.name());
            HostHandle h = hosts.apply(host);
            try {
                Opened o = new Opened(h, gatherer.gather(h.shell()));
                progress.gathered(host.name(), Optional.empty());
                return o;
            } catch (RuntimeException e) {
                closeIfOpened(h);
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
                    HostHandle h = r.value().get().handle();
                    shells.put(host.name(), h.shell());
                    h.storeDialer().ifPresent(d -> dialers.put(host.name(), d));
                    starters.put(host.name(), h.starter());
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
                r.value().ifPresent(o -> closeIfOpened(o.handle()));
            }
        }
    }

    private void closeIfOpened(HostHandle h) {
        if (closesHosts) {
            h.close();
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
