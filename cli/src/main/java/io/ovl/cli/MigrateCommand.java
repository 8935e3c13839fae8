package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.mode.OverlayMode;
import io.ovl.migrate.KvInventory;
import io.ovl.migrate.Migrate;
import io.ovl.migrate.MigrationPlan;
import io.ovl.migrate.MigrationReport;
import io.ovl.change.ApplyOptions;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovl migrate}: kv mode to swarm mode, keeping every overlay's addressing. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Move hosts that ovl set up in kv mode (Engine 20.10, dockerd with ovl's",
            "--cluster-store drop-in) to swarm mode, keeping every overlay network's",
            "subnet, ip-range and gateway.",
            "",
            "-f names the topology to migrate TO: mode: swarm, the same hosts, the",
            "managers with role: manager. The kv side is read from the hosts themselves:",
            "ovl's drop-in, the cluster-store in docker info, and every global-scope",
            "overlay network with the containers attached to it (docker network",
            "inspect), and the stopped containers still configured for one (docker",
            "container inspect of exited and created ones). Then, in order:",
            "  1. save that inventory to " + KvInventory.PATH,
            "     on every overlay host;",
            "  2. remove ovl's drop-in and restart docker (as reset; rolled back if",
            "     docker does not come up). Containers on those hosts stop;",
            "  3. swarm init on the first manager, join the others (as init does in",
            "     swarm mode);",
            "  4. create every kv overlay on the manager, attachable, with the same",
            "     addressing, plus the topology's own networks; check each one as the",
            "     manager shows it;",
            "  5. list the containers to reconnect, with the commands to run on their",
            "     hosts (disconnect --force, connect --ip with the old address, start;",
            "     a container that was stopped before is reconnected, not started).",
            "     ovl runs them only with --reconnect: you choose when each service",
            "     comes back.",
            "Swarm keeps no aux-addresses (its network create drops them): the plan",
            "says so, and stops when one lies inside the range swarm hands out, unless",
            "--accept-aux-loss.",
            "The KV store container is kept (it holds the old state); remove it later",
            "with `ovl reset -f KV-TOPOLOGY`, which finds no drop-in left and removes",
            "only the store.",
            "Run with --dry-run first. A run that stops half-way says where each host",
            "stands; run migrate again to finish (it reads the saved inventory). A",
            "finished migration has nothing to do."
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  (the table of 'ovl --help', README.md 'Exit codes')",
            "  0 done (or nothing to do); 2 invalid topology or arguments, or not",
            "  confirmed; 3 a check failed, nothing was changed; 4 a host failed (the",
            "  summary says where each host stands).",
            "",
            "JSON (--output json), inside the envelope of README.md 'JSON output': {\"dry-run\": bool, \"plan\": {kv-store,",
            "inventory-path, kv-reset{hosts[...]}, swarm{manager, hosts[...]},",
            "networks[{name, from-kv, subnet, ip-range, gateway, aux-addresses, ipam[{subnet,",
            "ip-range, gateway, aux-addresses}], internal, encrypted, create-on, not-kept[]}]",
            "(subnet, ip-range, gateway: every pool's, comma-separated), reconnect[{host, container,",
            "stopped, networks[{network, ipv4}], commands[[argv]]}], blockers[{host,",
            "check, message}], warnings[], nothing-to-do}, and after a run \"report\":",
            "{exit-code, changed, saved[], kv-reset, swarm, checks[{name, ok,",
            "differences[]}], reconnected[{host, status, detail}], reconnect[...],",
            "stopped}}."
        })
public final class MigrateCommand implements Callable<Integer>, ChangesHosts {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyOption topologyOption;

    @Mixin
    OutputOptions output;

    @Option(names = "--dry-run", description = "Print the whole plan and change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (needed when not on a terminal).")
    boolean yes;

    @Option(names = "--accept-aux-loss", description = "Go on although aux-addresses inside a network's handed-out"
            + " range will not be reserved in the swarm.")
    boolean acceptAuxLoss;

    @Option(names = "--reconnect", description = "Once every network checks out, also run the reconnect commands"
            + " of each container on its host (it starts again with its old address; one that was stopped before the"
            + " migration is reconnected and left stopped).")
    boolean reconnect;

    @Mixin
    ParallelOption parallelOption;

    @Override
    public Integer call() throws Exception {
        Path file = topologyOption.locate();
        Topology topology = Runs.load(file);
        OverlayMode.of(topology).requireMigrationTarget(file);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json();
        ParallelHosts parallel = new ParallelHosts(parallelOption.value());
        // One connection per host (the shell's, inside `ovl shell`) for dockerd's configuration and the swarm.
        try (CommandSessions sessions = CommandSessions.of(spec);
             OpenHosts hosts = OpenHosts.overSsh(topology, file, topology.hosts(), sessions.pool(), parallel);
             AutoCloseable lock = dryRun ? null : Runs.lock(hosts, topology, "migrate")) {
            Migrate migrate = new Migrate(topology, hosts, parallel);
            MigrationPlan plan = migrate.plan(acceptAuxLoss);
            if (!json) {
                out.print(MigrateView.planText(plan));
                out.flush();
            }
            if (dryRun || plan.blocked() || plan.nothingToDo()) {
                return Runs.endWithoutApplying(JsonReply.sink(spec, output), dryRun, MigrateView.planJson(plan), plan.blockers());
            }
            if (!yes) {
                Runs.confirm("Migrate these hosts to swarm mode as planned above? [y/N] ", "migrate restarts"
                        + " docker without the store (its containers stop) and starts a swarm; nothing was changed."
                        + " Look at --dry-run, then pass --yes", OvlCommand.environmentOf(spec));
            }
            MigrationReport report = migrate.apply(plan, ApplyOptions.defaults(false),
                    Runs.lines(json ? err : out), reconnect);
            if (json) {
                var root = Json.object();
                root.put("dry-run", false);
                root.set("plan", MigrateView.planJson(plan));
                root.set("report", MigrateView.reportJson(report));
                JsonReply.body(spec, root);
            } else {
                out.print(MigrateView.reportText(report));
            }
            out.flush();
            return report.exitCode().code();
        }
    }
}
