package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.doctor.DoctorProgress;
import io.ovl.doctor.DoctorReport;
import io.ovl.doctor.DoctorRunner;
import io.ovl.doctor.FactGatherer;
import io.ovl.doctor.IgnoreList;
import io.ovl.doctor.PortProber;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.SshHostHandle;
import io.ovl.ssh.SessionPool;
import io.ovl.topology.HostSubset;
import io.ovl.topology.LoadResult;
import io.ovl.topology.TopologyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovl doctor}: parse, run the doctor engine, render. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check every precondition of a multi-host overlay on every host, before and after setup.",
            "Connects to each host once over SSH (in parallel), gathers facts, probes the overlay's",
            "ports host to host with real TCP and UDP traffic (needs perl on the hosts), then reports",
            "one line per check per host. Exit 0 when nothing failed, 3 when a check failed (a host",
            "that cannot be reached fails ssh.reachable), 2 for an invalid topology or bad arguments."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ovl doctor -f topology.yaml",
            "  ovl doctor --ignore clock.skew,mtu.headroom",
            "  ovl doctor --output json | jq '.checks[].results[] | select(.status == \"fail\")'",
            "",
            "JSON output (--output json), schema ovl.doctor/v1 (README.md, section 'ovl doctor'),",
            "in the envelope of every command (README.md, 'JSON output'):",
            "  {\"schema\": \"ovl.doctor/v1\", \"topology\": FILE, \"ok\": BOOL,",
            "   \"summary\": {\"pass\": N, \"warn\": N, \"fail\": N, \"skip\": N, \"ignored\": N},",
            "   \"hosts\": [NAME...], \"checks\": [{\"name\", \"severity\", \"description\",",
            "   \"results\": [{\"host\", \"status\": pass|warn|fail|skip, \"message\", \"hint\" or null, \"ignored\"}]}]}"
        })
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topology;

    @Mixin
    OutputOptions output;

    @Option(names = "--ignore", paramLabel = "NAME[,NAME...]",
            description = "report failures of these checks (or 'all') as warnings; they are still printed")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--no-probe", description = "skip the port probe (ports.reachable, esp.reachable and kv.reachable are skipped)")
    boolean noProbe;

    @Mixin
    HostsOption hostsOption;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() {
        IgnoreList ignoreList = IgnoreList.parse(ignore);
        Path topologyFile = topology.locate();
        LoadResult loaded = new TopologyLoader().load(topologyFile);
        PrintWriter err = spec.commandLine().getErr();
        if (!loaded.valid()) {
            if (output.json()) {
                JsonReply.failure(spec, loaded);
            }
            err.print(new ProblemReport(loaded).text(output.style()));
            err.println("ovl: the topology is not valid; doctor checks hosts only for a valid topology");
            err.flush();
            return ExitCode.USAGE.code();
        }
        HostSubset only = hostsOption.of(loaded.topology().get());
        DoctorProgress progress = output.json() ? DoctorProgress.NONE : new ProgressPrinter(err);
        DoctorReport report;
        // Inside `ovl shell` the shell's pool keeps one connection per host across commands;
        // run alone, doctor's own pool lives (and closes) with this command.
        try (CommandSessions sessions = CommandSessions.of(spec)) {
            SessionPool pool = sessions.pool();
            long before = pool.connectionsOpened();
            // Doctor closes each handle when its facts are in; the pool's session under it stays open (lent).
            DoctorRunner runner = new DoctorRunner(SshHostHandle.fromPool(loaded.topology().get(), topologyFile, pool),
                    new ParallelHosts(parallelOption.value()), new FactGatherer(Clock.systemUTC()),
                    noProbe ? Optional.empty() : Optional.of(new PortProber()), progress);
            report = runner.run(loaded.topology().get(), topologyFile.toString(), ignoreList).only(only);
            if (spec.root().userObject() instanceof OvlCommand root && root.verbose) {
                // For lab/bench/scale: the goal is one connection per host.
                err.println("doctor: ssh connections opened: " + (pool.connectionsOpened() - before)
                        + " for " + report.hosts().size() + " hosts");
                err.flush();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonReply.body(spec, DoctorJson.tree(report));
            if (!report.passed()) {
                List<String> failed = report.results().filter(r -> r.isError() && !r.ignored()).map(r -> r.host())
                        .distinct().toList();
                JsonReply.failure(spec, report.count(io.ovl.core.Severity.ERROR) + " check result(s) failed", failed);
            }
        } else {
            new DoctorHumanView(output.style()).render(report, out);
        }
        out.flush();
        return report.passed() ? ExitCode.OK.code() : ExitCode.CHECKS_FAILED.code();
    }

    /** Progress lines on stderr while hosts are gathered and probed. */
    private static final class ProgressPrinter implements DoctorProgress {
        private final PrintWriter err;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void gathering(String host) {
            err.println("doctor: " + host + ": connecting, gathering facts");
            err.flush();
        }

        @Override
        public synchronized void gathered(String host, Optional<String> error) {
            err.println("doctor: " + host + ": " + error.map(e -> "not reached: " + e).orElse("facts gathered"));
            err.flush();
        }

        @Override
        public synchronized void probing(int hosts, int seconds) {
            err.println("doctor: probing ports between " + hosts + " hosts with TCP and UDP traffic (about "
                    + seconds + " s)");
            err.flush();
        }
    }
}
