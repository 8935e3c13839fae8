package io.ovl.cli;

import io.ovl.doctor.IgnoreList;
import io.ovl.mode.ChangeOptions;
import io.ovl.topology.Topology;
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
public final class InitCommand implements Callable<Integer>, ChangesHosts {
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
    HostsOption hostsOption;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() throws Exception {
        IgnoreList ignored = IgnoreList.parse(ignore);
        Path file = topologyOption.locate();
        Topology topology = Runs.load(file);
        try (CommandSessions sessions = CommandSessions.of(spec)) {
            return new ChangeRun(topology, file, parallelOption.value(), sessions.pool(), JsonReply.sink(spec, output),
                    spec.commandLine().getOut(), spec.commandLine().getErr(), OvlCommand.environmentOf(spec))
                    .init(dryRun, yes, new ChangeOptions(force, false, rolling, hostsOption.of(topology)), skipChecks, ignored);
        }
    }
}
