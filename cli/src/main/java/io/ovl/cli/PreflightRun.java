package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.DoctorProgress;
import io.ovl.doctor.FactGatherer;
import io.ovl.doctor.IgnoreList;
import io.ovl.doctor.PortProber;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.ParallelHosts;
import io.ovl.change.InitPreflight;
import io.ovl.change.PreflightReport;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * init's preflight on the CLI side (kv and swarm mode): run doctor's checks over the run's
 * hosts (lent: init keeps them open) unless --skip-checks, and render what they found as text and JSON.
 */
final class PreflightRun {
    private PreflightRun() {
    }

    /**
     * @param hosts      a host's handle in init's run, or an OvlException saying why there is none
     * @param progressTo where "checks: HOST: ..." lines go (stderr with --output json, like init's progress)
     * @param err        where the --skip-checks warning goes
     */
    static PreflightReport run(Topology topology, Path file, Function<Host, HostHandle> hosts, int parallel,
                               boolean skip, IgnoreList ignore, PrintWriter progressTo, PrintWriter err) {
        if (skip) {
            err.println("ovl: WARNING: --skip-checks: doctor's checks are NOT run; a firewall, a duplicate hostname or"
                    + " a kernel without VXLAN is found only when the overlay fails. init's own checks still run.");
            err.flush();
            return PreflightReport.skippedByRequest();
        }
        InitPreflight preflight = new InitPreflight(new ParallelHosts(parallel), new FactGatherer(Clock.systemUTC()),
                new PortProber(), new Progress(progressTo));
        return preflight.run(topology, file.toString(), hosts, ignore);
    }

    /** "Checks: ..." then one line per warning and error with doctor's fix. */
    static String text(PreflightReport report) {
        if (report.skipped()) {
            return "Checks: SKIPPED (--skip-checks); only init's own checks ran\n";
        }
        StringBuilder b = new StringBuilder("Checks (doctor's, for init): ");
        long passed = report.results().stream().filter(r -> r.severity() == Severity.PASS).count();
        b.append(passed).append(" passed, ").append(report.warnings().size()).append(" warning(s), ")
                .append(report.errors().size()).append(" error(s)\n");
        for (Finding r : report.errors()) {
            line(b, "error", r);
        }
        for (Finding r : report.warnings()) {
            line(b, "warning", r);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String what, Finding r) {
        b.append("  ").append(what).append(": host ").append(r.host()).append(": ").append(r.subject())
                .append(r.ignored() ? " (ignored)" : "").append(": ").append(r.message()).append('\n');
        r.fix().ifPresent(h -> b.append("      fix: ").append(h).append('\n'));
    }

    /** {"skipped": BOOL, "passed": BOOL, "results": [{check, host, status, message, hint, ignored}]} */
    static ObjectNode json(PreflightReport report) {
        ObjectNode root = Json.object();
        root.put("skipped", report.skipped());
        root.put("passed", !report.failed());
        ArrayNode results = root.putArray("results");
        for (Finding r : report.results()) {
            ObjectNode n = results.addObject();
            n.put("check", r.subject());
            n.put("host", r.host());
            n.put("status", DoctorJson.status(r.severity()));
            n.put("message", r.message());
            if (r.fix().isPresent()) {
                n.put("hint", r.fix().get());
            } else {
                n.putNull("hint");
            }
            n.put("ignored", r.ignored());
        }
        return root;
    }

    /** Live lines while doctor's facts are gathered and ports probed. */
    private record Progress(PrintWriter to) implements DoctorProgress {
        @Override
        public void gathering(String host) {
            print(host + ": checks: gathering facts");
        }

        @Override
        public void gathered(String host, Optional<String> error) {
            print(host + ": checks: " + error.map(e -> "not reached: " + e).orElse("facts gathered"));
        }

        @Override
        public void probing(int hosts, int seconds) {
            print("checks: probing ports between " + hosts + " hosts with TCP and UDP traffic (about " + seconds + " s)");
        }

        private void print(String line) {
            synchronized (to) {
                to.println(line);
                to.flush();
            }
        }
    }
}
