package io.ovl.migrate;

import io.ovl.core.OvlException;
import io.ovl.facts.Fact;
import io.ovl.doctor.FactCommands;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.net.NetReadout;
import io.ovl.net.OverlayNetwork;
import io.ovl.change.ApplyOptions;
import io.ovl.change.HostOutcome;
import io.ovl.kvmode.HostState;
import io.ovl.change.ChangeReport;
import io.ovl.change.ChangeProgress;
import io.ovl.kvmode.Reset;
import io.ovl.kvmode.StateReader;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.swarm.SwarmFacts;
import io.ovl.swarm.SwarmInit;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ovl migrate}: kv mode to swarm mode. Applies a {@link MigrationPlan}:
 * <ol>
 *   <li>save the kv inventory on every overlay host (nothing else has changed yet);</li>
 *   <li>remove ovl's drop-in and restart dockerd where it is present (kv reset's step and rollback);
 *       stop here when a host failed: the swarm cannot start beside a cluster-store;</li>
 *   <li>confirm no overlay host runs with a cluster-store any more;</li>
 *   <li>swarm init, joins, and the networks created on the manager (swarm init's step);</li>
 *   <li>check every carried network's addressing as the manager shows it;</li>
 *   <li>report the containers to reconnect; only with {@code reconnect} run their commands (each
 *       container's own host), since that brings services back at a moment the operator did not choose.</li>
 * </ol>
 * The KV store container is left running: it holds the old state; kv reset removes it later.
 */
public final class Migrate {
    private final Topology topology;
    private final OpenHosts hosts;
    private final ParallelHosts parallel;

    /**
     * @param topology the swarm topology to migrate to
     * @param hosts    every topology host: dockerd's configuration and files over the shell, the swarm
     *                 over the Engine API
     */
    public Migrate(Topology topology, OpenHosts hosts, ParallelHosts parallel) {
        if (topology.mode() != Mode.SWARM) {
            throw new IllegalArgumentException("migrate needs the mode: swarm topology to migrate to");
        }
        this.topology = topology;
        this.hosts = hosts;
        this.parallel = parallel;
    }

    /** Reads everything the plan needs; changes nothing. */
    public MigrationFacts facts() {
        var kv = hosts.readAll(topology.hosts(), h -> StateReader.read(h, Optional.empty(), List.of()),
                HostState::unreachable);
        NetReadout networks = NetReadout.read(hosts.only(topology.overlayHosts()), parallel);
        Map<String, Fact<Optional<KvInventory>>> saved = new LinkedHashMap<>();
        List<Host> reached = topology.overlayHosts().stream().filter(h -> hosts.get(h.name()).isPresent()).toList();
        for (HostResult<Optional<KvInventory>> r : parallel.forEach(reached, Host::name, h -> hosts.get(h.name())
                .orElseThrow().files().readFile(KvInventory.PATH).map(b -> KvInventory.parse(new String(b,
                        StandardCharsets.UTF_8))))) {
            saved.put(r.host(), r.value().<Fact<Optional<KvInventory>>>map(Fact::known)
                    .orElseGet(() -> Fact.unknown(r.error().map(OvlException::getMessage).orElse("failed"))));
        }
        return new MigrationFacts(kv, networks, saved, SwarmFacts.read(topology, hosts), attached(saved),
                stopped(reached));
    }

    /** Each reached overlay host's containers that do not run, with the networks they are configured for. */
    private Map<String, Fact<List<StoppedContainers.Container>>> stopped(List<Host> reached) {
        Map<String, Fact<List<StoppedContainers.Container>>> out = new LinkedHashMap<>();
        for (HostResult<Fact<List<StoppedContainers.Container>>> r : parallel.forEach(reached, Host::name, h -> {
            HostHandle host = hosts.get(h.name()).orElseThrow();
            return StoppedContainers.read(host.shell());
        })) {
            out.put(r.host(), r.value().orElseGet(() -> Fact.unknown(r.error().map(OvlException::getMessage)
                    .orElse("failed"))));
        }
        return out;
    }

    /** Where each container of a saved inventory stands now (a re-run must not ask to reconnect it twice). */
    private Map<String, Fact<Optional<Map<String, String>>>> attached(Map<String, Fact<Optional<KvInventory>>> saved) {
        Map<String, Attachment> containers = new LinkedHashMap<>();
        saved.values().forEach(f -> f.value().flatMap(o -> o).ifPresent(i -> i.attachments()
                .forEach(a -> containers.putIfAbsent(MigrationFacts.key(a.host(), a.container()), a))));
        Map<String, Fact<Optional<Map<String, String>>>> out = new LinkedHashMap<>();
        containers.forEach((key, a) -> hosts.get(a.host()).ifPresent(h -> {
            try {
                CommandResult r = h.shell().run(ContainerNetworks.inspect(a.container()));
                out.put(key, !r.succeeded() && r.stderrText().contains("No such container") ? Fact.known(Optional.empty())
                        : Fact.of(r, text -> Optional.of(ContainerNetworks.parse(text))));
            } catch (OvlException e) {
                out.put(key, Fact.unknown(e.getMessage()));
            }
        }));
        return out;
    }

    public MigrationPlan plan(boolean acceptAuxLoss) {
        return MigrationPlanner.plan(topology, facts(), acceptAuxLoss);
    }

    /** @param reconnect also run each container's reconnect commands once every network checks out */
    public MigrationReport apply(MigrationPlan plan, ApplyOptions options, ChangeProgress progress, boolean reconnect) {
        if (plan.blocked()) {
            throw new IllegalArgumentException("a blocked plan is never applied: " + plan.blockers());
        }
        List<HostOutcome> saved = save(plan, progress);                                               // 1
        if (saved.stream().anyMatch(HostOutcome::failed)) {
            return stopped(saved, Optional.empty(), Optional.empty(), List.of(), plan, "the inventory could not be"
                    + " saved on every overlay host; nothing else was changed. Fix the host named above and run"
                    + " migrate again");
        }
        ChangeReport reset = new Reset(topology, hosts).apply(plan.kvReset(), options, progress);        // 2
        if (reset.hosts().stream().anyMatch(HostOutcome::failed)) {
            return stopped(saved, Optional.of(reset), Optional.empty(), List.of(), plan, "the swarm was not started"
                    + " (it cannot run beside a cluster-store). Where each host stands: " + standing(reset)
                    + ". Fix what failed, then run `ovl migrate` again: it reads the saved inventory ("
                    + KvInventory.PATH + ") and finishes");
        }
        List<String> stillKv = stillWithStore(progress);                                               // 3
        if (!stillKv.isEmpty()) {
            return stopped(saved, Optional.of(reset), Optional.empty(), List.of(), plan, "dockerd still runs with a"
                    + " cluster-store on " + String.join(", ", stillKv) + " after ovl's drop-in was removed; the swarm"
                    + " was not started. Remove the option where it is set there, restart docker, and run migrate again");
        }
        ChangeReport swarm = new SwarmInit(plan.target(), hosts).apply(plan.swarm(), progress);     // 4
        List<NetworkCheck> checks = check(plan, progress);                                             // 5
        boolean complete = swarm.exitCode() == io.ovl.core.ExitCode.OK && checks.stream().allMatch(NetworkCheck::ok);
        Optional<String> stop = complete ? Optional.empty() : Optional.of("every host runs without the store now,"
                + " but the swarm or a network is not as planned (see above). Fix it, then run `ovl migrate` again:"
                + " it finds the hosts already changed and finishes the rest from " + KvInventory.PATH);
        List<HostOutcome> reconnected = complete && reconnect ? reconnect(plan.reconnects(), progress) : List.of(); // 6
        List<Reconnect> left = plan.reconnects().stream().filter(r -> reconnected.stream().noneMatch(o ->
                o.host().equals(r.host()) && o.detail().startsWith(r.container() + ":") && !o.failed())).toList();
        return new MigrationReport(saved, Optional.of(reset), Optional.of(swarm), checks, reconnected, left, stop);
    }

    /** Runs each container's commands on its host, in order; the first that fails ends that container's turn. */
    private List<HostOutcome> reconnect(List<Reconnect> reconnects, ChangeProgress progress) {
        List<HostOutcome> out = new ArrayList<>();
        for (Reconnect r : reconnects) {
            String what = r.attachments().stream().map(a -> a.network() + (a.ipv4().isEmpty() ? "" : " at " + a.ipv4()))
                    .collect(Collectors.joining(", "));
            progress.step(r.host(), "reconnecting " + r.container() + " to " + what);
            String failed = "";
            try {
                HostHandle host = hosts.get(r.host()).orElseThrow(() -> new OvlException(
                        io.ovl.core.ExitCode.HOST_FAILED, "no session: " + hosts.whyUnreachable(r.host()).orElse("")));
                for (List<String> argv : r.commands()) {
                    CommandResult c = host.shell().run(RemoteCommand.of(argv));
                    if (!c.succeeded()) {
                        failed = "`" + c.command().toShellString() + "` failed: " + c.stderrText().strip();
                        break;
                    }
                }
            } catch (OvlException e) {
                failed = e.getMessage();
            }
            out.add(failed.isEmpty()
                    ? new HostOutcome(r.host(), HostOutcome.Status.CHANGED, r.container() + ": reconnected to " + what
                            + (r.stopped() ? ", left stopped as it was before the migration" : " and started"))
                    : new HostOutcome(r.host(), HostOutcome.Status.FAILED, r.container() + ": " + failed));
        }
        return out;
    }

    /** Written before the first restart: afterwards no host shows the kv networks any more. */
    private List<HostOutcome> save(MigrationPlan plan, ChangeProgress progress) {
        if (plan.inventory().isEmpty() || plan.nothingToDo()) {
            return List.of();
        }
        byte[] content = plan.inventory().toJson().getBytes(StandardCharsets.UTF_8);
        String dir = KvInventory.PATH.substring(0, KvInventory.PATH.lastIndexOf('/'));
        return parallel.forEach(topology.overlayHosts(), Host::name, h -> {
            HostHandle host = hosts.get(h.name()).orElseThrow(() -> new OvlException(io.ovl.core.ExitCode.HOST_FAILED,
                    "host " + h.name() + ": save inventory: " + hosts.whyUnreachable(h.name()).orElse("not reached")));
            progress.step(h.name(), "saving the kv inventory to " + KvInventory.PATH);
            host.shell().run(RemoteCommand.of("mkdir", "-p", "--", dir)).requireSuccess("create " + dir);
            host.files().writeFileAtomically(KvInventory.PATH, content, "root", "root", 0600);
            return new HostOutcome(h.name(), HostOutcome.Status.CHANGED, "saved " + KvInventory.PATH);
        }).stream().map(r -> r.value().orElseGet(() -> new HostOutcome(r.host(), HostOutcome.Status.FAILED,
                "save inventory: " + r.error().map(OvlException::getMessage).orElse("failed")))).toList();
    }

    private List<String> stillWithStore(ChangeProgress progress) {
        List<String> still = new ArrayList<>();
        for (HostResult<Optional<String>> r : parallel.forEach(topology.overlayHosts(), Host::name,
                h -> hosts.require(h.name()).swarm().info().clusterStore())) {
            Optional<String> store = r.value().orElse(Optional.empty());
            if (store.isPresent() || r.error().isPresent()) {
                still.add(r.host() + " (" + store.orElseGet(() -> "cannot tell: " + r.error().get().getMessage()) + ")");
            } else {
                progress.step(r.host(), "dockerd runs without a cluster-store");
            }
        }
        return still;
    }

    /** Each carried network as the manager's {@code docker network inspect} shows it. */
    private List<NetworkCheck> check(MigrationPlan plan, ChangeProgress progress) {
        String manager = plan.swarm().manager();
        List<OverlayNetwork> listed;
        try {
            CommandResult r = hosts.require(manager).shell().run(FactCommands.DOCKER_NETWORKS)
                    .requireSuccess("inspect the networks");
            listed = OverlayNetwork.parseInspect(r.stdoutText());
        } catch (OvlException e) {
            return plan.networks().stream().map(n -> new NetworkCheck(n.name(), List.of("cannot check on " + manager
                    + ": " + e.getMessage()))).toList();
        }
        List<NetworkCheck> out = new ArrayList<>();
        for (CarriedNetwork n : plan.networks()) {
            NetworkCheck c = NetworkCheck.of(n.spec(), listed.stream().filter(x -> x.name().equals(n.name())
                    && "swarm".equals(x.scope())).findFirst());
            progress.step(manager, "network " + n.name() + ": " + (c.ok() ? "addressing as planned"
                    : String.join("; ", c.differences())));
            out.add(c);
        }
        return out;
    }

    private static String standing(ChangeReport reset) {
        return reset.hosts().stream().map(o -> o.host() + " " + switch (o.status()) {
            case UNCHANGED -> "had no drop-in";
            case CHANGED -> "runs without the store now";
            case ROLLED_BACK -> "is back in kv mode (rolled back)";
            case FAILED -> "FAILED, check it by hand (systemctl status docker)";
            case SKIPPED, NOT_STARTED -> "was not touched";
        }).collect(Collectors.joining("; "));
    }

    private static MigrationReport stopped(List<HostOutcome> saved, Optional<ChangeReport> reset, Optional<ChangeReport> swarm,
                                           List<NetworkCheck> checks, MigrationPlan plan, String why) {
        return new MigrationReport(saved, reset, swarm, checks, List.of(), plan.reconnects(), Optional.of(why));
    }
}
