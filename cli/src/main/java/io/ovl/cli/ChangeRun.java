package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.IgnoreList;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.SshHostHandle;
import io.ovl.mode.ChangeOptions;
import io.ovl.mode.OverlayMode;
import io.ovl.mode.PlannedChange;
import io.ovl.change.ChangeReport;
import io.ovl.change.PreflightReport;
import io.ovl.ssh.SessionPool;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * init and reset, in either mode: open the hosts the mode needs (one session each), take the run
 * lock, plan, print the plan, and either stop (--dry-run, a blocked plan) or apply that same plan
 * and print what it did. The mode ({@link OverlayMode}) does the planning and applying.
 */
final class ChangeRun {
    private final Topology topology;
    private final Path file;
    private final OverlayMode mode;
    private final int parallel;
    private final SessionPool pool;
    private final JsonReply.Sink json;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CliEnvironment environment;

    /** @param pool where host sessions come from (the shell's, or the command's own: see {@link CommandSessions}) */
    ChangeRun(Topology topology, Path file, int parallel, SessionPool pool, JsonReply.Sink json, PrintWriter out,
              PrintWriter err, CliEnvironment environment) {
        this.topology = topology;
        this.file = file;
        this.mode = OverlayMode.of(topology);
        this.parallel = parallel;
        this.pool = pool;
        this.json = json;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /**
     * @param yes restart dockerd even where that stops running containers (else asked, or refused off a terminal)
     */
    int init(boolean dryRun, boolean yes, ChangeOptions options, boolean skipChecks, IgnoreList ignore) throws Exception {
        mode.refuseBeforeContact(options);
        try (OpenHosts hosts = open(); AutoCloseable lock = dryRun ? null : Runs.lock(hosts, topology, "init");
             Interrupts interrupts = Interrupts.install(err, Runs.INIT_ADVICE)) {
            PreflightReport checks = PreflightRun.run(topology, file,
                    mode.preflightHandles(hosts, SshHostHandle.fromPool(topology, file, pool)), parallel,
                    skipChecks, ignore, json.on() ? err : out, err);
            PlannedChange change = mode.planInit(hosts, checks, options);
            if (!json.on()) {
                out.print(PreflightRun.text(checks));
                out.print(change.describe(new ChangeViews.PlanText()));
                printNotes(change);
            }
            ObjectNode planJson = planJson(change);
            if (dryRun || change.blocked()) {
                return Runs.endWithoutApplying(json, dryRun, planJson, change.blockers());
            }
            Runs.confirmRestarts(change.restartsStoppingContainers(), yes, environment);
            ChangeReport report = interrupts.changing(interruption -> change.apply(Runs.lines(json.on() ? err : out),
                    interruption));
            return interrupts.exitCode(Runs.printApplied(out, json, planJson, report,
                    change.describe(new ChangeViews.ReportText(report))));
        }
    }

    int reset(boolean dryRun, boolean yes, ChangeOptions options) throws Exception {
        mode.refuseBeforeContact(options);
        try (OpenHosts hosts = open(); AutoCloseable lock = dryRun ? null : Runs.lock(hosts, topology, "reset");
             Interrupts interrupts = Interrupts.install(err, Runs.RESET_ADVICE)) {
            PlannedChange change = mode.planReset(hosts, options);
            if (!json.on()) {
                out.print(change.describe(new ChangeViews.PlanText()));
                printNotes(change);
            }
            ObjectNode planJson = planJson(change);
            if (dryRun || change.blocked()) {
                if (json.on()) {
                    ObjectNode root = Json.object();
                    root.put("dry-run", dryRun);
                    root.set("plan", planJson);
                    json.body(root);
                }
                if (change.blocked()) {
                    throw new OvlException(ExitCode.CHECKS_FAILED, "nothing was changed: " + change.blockers().get(0).format());
                }
                return ExitCode.OK.code();
            }
            Runs.confirmRestarts(change.restartsStoppingContainers(), yes, environment);
            ChangeReport report = interrupts.changing(interruption -> change.apply(Runs.lines(json.on() ? err : out),
                    interruption));
            int exit = interrupts.exitCode(Runs.printApplied(out, json, planJson, report,
                    change.describe(new ChangeViews.ReportText(report))));
            if (exit == ExitCode.OK.code() && !options.only().all()) {
                PrintWriter to = json.on() ? err : out;
                to.println("next: delete " + String.join(", ", options.only().names().stream().sorted().toList())
                        + " from " + file + " (its hosts: entry), or run `ovl init --hosts ...` to set it up again");
                to.flush();
            }
            return exit;
        }
    }

    private void printNotes(PlannedChange change) {
        change.notes().forEach(out::println);
        out.flush();
    }

    private static ObjectNode planJson(PlannedChange change) {
        ObjectNode json = change.describe(new ChangeViews.PlanJson());
        if (!change.notes().isEmpty()) {
            change.notes().forEach(json.putArray("notes")::add);
        }
        return json;
    }

    private OpenHosts open() {
        return OpenHosts.overSsh(topology, file, mode.hostsToOpen(), pool, new ParallelHosts(parallel));
    }
}
