package io.ovl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.IgnoreList;
import io.ovl.hosts.OpenHosts;
import io.ovl.provision.ApplyOptions;
import io.ovl.provision.ClusterLayout;
import io.ovl.provision.InitReport;
import io.ovl.provision.Plan;
import io.ovl.provision.Planner;
import io.ovl.provision.Preflight;
import io.ovl.provision.PreflightReport;
import io.ovl.provision.Provision;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovl init}: plan, then apply that same plan (kv mode). */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Set up the overlay. kv mode: start the key-value store, point every overlay host's",
            "dockerd at it (a systemd drop-in; without systemd, keys merged into /etc/docker/daemon.json",
            "and /etc/init.d/docker; then a restart), create the topology's networks.",
            "swarm mode: swarm init on the first manager, join the other managers and the workers",
            "(tokens read through the Docker API), create the networks (attachable) on a manager.",
            "Reads every host first (one SSH session each), runs doctor's checks that matter for",
            "the change over those sessions (ports probed with real traffic), and stops before any",
            "change when a check fails. Warnings are printed and do not stop it. A host whose",
            "dockerd does not come back is rolled back. A second run changes nothing and restarts",
            "nothing."
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  (the table of 'ovl --help', README.md 'Exit codes')",
            "  0 done (or nothing to do); 2 invalid topology or arguments, or restarts not confirmed;",
            "  3 a preflight check failed, a host could not be reached, or the run lock is held:",
            "  nothing was changed; 4 a host failed while changing (see the summary).",
            "  130 interrupted: the first Ctrl-C or SIGTERM lets the host steps in flight finish (or",
            "  roll back), starts no more and prints each host's state; a second one stops at once.",
            "",
            "JSON (--output json), inside the envelope of README.md 'JSON output': with --dry-run {\"dry-run\": true, \"plan\": {store-url, store[],",
            "hosts[{host, restart-docker, why, running-containers, files[{path, action, diff}]}],",
            "networks[{name, create-on, present-on[]}], blockers[{host, check, message}], nothing-to-do,",
            "checks{skipped, passed, results[{check, host, status, message, hint, ignored}]}}};",
            "else {\"dry-run\": false, \"plan\": ..., \"report\": {exit-code, interrupted, changed, store[],",
            "hosts[{host, status, detail}], networks[{name, created-on, seen-on[], missing-on[], error}]}}",
            "(status: unchanged, changed, rolled-back, failed, skipped, not-started)."
        })
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Option(names = "--dry-run", description = "Print the plan (files with diffs, containers, restarts) and change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Restart docker even on hosts that run containers (they stop).")
    boolean yes;

    @Option(names = "--rolling", description = "Restart one host at a time; stop at the first failure.")
    boolean rolling;

    @Option(names = "--force", description = {"Mode swarm only: adopt a swarm ovl did not create, make hosts in",
            "another swarm leave it, go on despite a --cluster-store.",
            "Without it such hosts stop the run before any change."})
    boolean force;

    @Option(names = "--skip-checks", description = {"Do not run doctor's checks before changing anything (init's own",
            "checks still run). Loudly warned: problems then show only when the overlay fails."})
    boolean skipChecks;

    @Option(names = "--ignore", paramLabel = "NAME[,NAME...]", description = {"Report failures of these doctor checks (or",
            "'all') as warnings, as `ovl doctor --ignore` does; init then goes on."})
    List<String> ignore = new ArrayList<>();

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() throws Exception {
        IgnoreList ignored = IgnoreList.parse(ignore);
        Path file = topologyOption.locate();
        Topology topology = ProvisionRun.load(file);
        if (topology.mode() == Mode.SWARM) {
            try (CommandSessions sessions = CommandSessions.of(spec)) {
                return new SwarmRun(topology, file, parallelOption.value(), sessions.pool(), JsonReply.sink(spec, output),
                        spec.commandLine().getOut(), spec.commandLine().getErr()).init(dryRun, force, skipChecks, ignored);
            }
        }
        ProvisionRun.refuseForceOutsideSwarm(topology, force);
        ClusterLayout.of(topology); // refuses a topology init cannot handle before any host is contacted
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (CommandSessions sessions = CommandSessions.of(spec);
             OpenHosts hosts = ProvisionRun.open(topology, file, parallelOption.value(), sessions.pool());
             AutoCloseable lock = dryRun ? null : ProvisionRun.lock(hosts, topology, "init");
             Interrupts interrupts = Interrupts.install(err, ProvisionRun.INIT_ADVICE)) {
            PreflightReport checks = PreflightRun.run(topology, file, host -> hosts.lend(host.name()),
                    parallelOption.value(), skipChecks, ignored, output.json() ? err : out, err);
            Provision provision = new Provision(topology, hosts, new Planner(checks.withOwn(Preflight.DEFAULT)));
            Plan plan = provision.plan();
            if (!output.json()) {
                out.print(PreflightRun.text(checks));
                out.print(InitView.planText(plan));
                out.flush();
            }
            ObjectNode planJson = InitView.planJson(plan);
            planJson.set("checks", PreflightRun.json(checks));
            if (dryRun) {
                if (output.json()) {
                    var root = Json.object();
                    root.put("dry-run", true);
                    root.set("plan", planJson);
                    JsonReply.body(spec, root);
                }
                return plan.blocked() ? ExitCode.CHECKS_FAILED.code() : ExitCode.OK.code();
            }
            if (plan.blocked()) {
                if (output.json()) {
                    var root = Json.object();
                    root.put("dry-run", false);
                    root.set("plan", planJson);
                    JsonReply.body(spec, root);
                }
                throw new OvlException(ExitCode.CHECKS_FAILED, plan.blockers().size() + " preflight problem(s), nothing"
                        + " was changed: " + plan.blockers().get(0).format()
                        + (plan.blockers().size() > 1 ? " (all are listed in the plan)" : ""));
            }
            ProvisionRun.confirmRestarts(plan.restartsStoppingContainers(), yes, OvlCommand.environmentOf(spec));
            InitReport report = interrupts.changing(interruption -> provision.apply(plan, ApplyOptions.defaults(rolling),
                    ProvisionRun.lines(output.json() ? err : out), interruption));
            return interrupts.exitCode(ProvisionRun.printApplied(out, JsonReply.sink(spec, output), planJson, report,
                    InitView.reportText(report, "init")));
        }
    }
}
