package io.ovl.cli;

import io.ovl.mode.ChangeOptions;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovl reset}: undo init. */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = {
            "Undo ovl init. kv mode: remove ovl's dockerd drop-in (without systemd: ovl's keys from",
            "daemon.json, restoring ovl's backup when it matches) and restart docker where it is present,",
            "then remove the key-value store containers (their data volumes stay unless --purge).",
            "swarm mode: remove the topology's networks, then workers leave, then managers.",
            "Hosts without ovl's drop-in or keys are not restarted; running it twice is harmless.",
            "",
            "Remove a host from the overlay: ovl reset --hosts h4. Only h4 is reset (kv: its drop-in",
            "removed, dockerd restarted; swarm: demoted on a manager that stays if it is a manager,",
            "then it leaves and its node is removed); the store, the networks and the other hosts",
            "stay. Refused while containers on h4 are attached to overlay networks (--force",
            "disconnects them and says which), when the swarm would lose its last manager or its",
            "quorum, and for a host that runs the kv store. Then delete h4 from the topology file."
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  (the table of 'ovl --help', README.md 'Exit codes')",
            "  0 done (or nothing to do); 2 invalid topology or arguments; 3 a host could not be read",
            "  or the run lock is held, nothing was changed; 4 a host failed while changing;",
            "  130 interrupted (the steps in flight finished first). A second Ctrl-C or SIGTERM stops at once."})
public final class ResetCommand implements Callable<Integer>, ChangesHosts {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Option(names = "--dry-run", description = "Print what would be removed and restarted; change nothing.")
    boolean dryRun;

    @Option(names = "--purge", description = "Mode kv: also remove the store's data volumes (the overlay's network state).")
    boolean purge;

    @Option(names = {"-y", "--yes"}, description = "Restart docker even on hosts that run containers (they stop).")
    boolean yes;

    @Option(names = "--force", description = {"Mode swarm only: break up a swarm ovl did not create, make hosts",
            "in another swarm leave it.",
            "Without it such hosts stop the run before any change."})
    boolean force;

    @Mixin
    HostsOption hostsOption;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() throws Exception {
        Path file = topologyOption.locate();
        Topology topology = Runs.load(file);
        try (CommandSessions sessions = CommandSessions.of(spec)) {
            return new ChangeRun(topology, file, parallelOption.value(), sessions.pool(), JsonReply.sink(spec, output),
                    spec.commandLine().getOut(), spec.commandLine().getErr(), OvlCommand.environmentOf(spec))
                    .reset(dryRun, yes, new ChangeOptions(force, purge, false, hostsOption.of(topology)));
        }
    }
}
