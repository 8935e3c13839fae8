package io.ovl.kvmode;

import io.ovl.core.HostPort;
import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.change.NetworkOutcome;
import io.ovl.change.NetworkStep;
import io.ovl.change.Poll;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.render.KvNode;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.topology.DockerNetworkCreate;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ovl init} in kv mode. {@link #plan()} reads every host over its one session and computes
 * the {@link Plan}; {@link #apply} carries out that same plan:
 * <ol>
 *   <li>refuse a plan with blockers (preflight checks, done by {@link Planner});</li>
 *   <li>KV store: create/start the store containers, wait until healthy through the store's API;</li>
 *   <li>from every Docker host that will restart, check the store answers;</li>
 *   <li>write the drop-in atomically (backup kept);</li>
 *   <li>restart dockerd, wait for its API, confirm the cluster store; roll back on failure;</li>
 *   <li>create the topology's networks once, confirm every overlay host sees them.</li>
 * </ol>
 * Interrupted ({@link Interruption}): no step starts after the request; a host's steps 4 and 5 in
 * flight run to their end (configured, or rolled back); the report marks the hosts not started.
 */
public final class Provision {
    private final Topology topology;
    /** Offline until {@link #plan} resolves the store hosts' underlay addresses; then the plan's. */
    private ClusterLayout layout;
    private final OpenHosts hosts;
    private final Planner planner;

    public Provision(Topology topology, OpenHosts hosts, Planner planner) {
        this.topology = topology;
        this.layout = ClusterLayout.of(topology);
        this.hosts = hosts;
        this.planner = planner;
    }

    /** Reads every host (in parallel, read-only) and plans. */
    public Plan plan() {
        layout = ClusterLayout.of(topology, StoreUnderlay.resolve(topology, hosts));
        Optional<String> storeName = layout.cluster()
                .map(c -> io.ovl.render.KvStoreSpecs.render(c, c.nodes().get(0).name()).name());
        List<HostState> states = hosts.readAll(topology.hosts(), h -> StateReader.read(h,
                isStoreHost(h.name()) ? storeName : Optional.empty(),
                topology.host(h.name()).map(Host::overlay).orElse(false) ? layout.endpoints() : List.of()),
                HostState::unreachable);
        return planner.plan(topology, layout, states);
    }

    public ChangeReport apply(Plan plan, ApplyOptions options, ChangeProgress progress) {
        return apply(plan, options, progress, Interruption.none());
    }

    public ChangeReport apply(Plan plan, ApplyOptions options, ChangeProgress progress, Interruption interruption) {
        requireUnblocked(plan);                                                    // 1
        layout = plan.layout();
        List<HostOutcome> store = startStore(plan, options, progress, interruption); // 2
        if (interruption.requested()) {
            return interrupted(plan, store);
        }
        requireStoreFromRestartingHosts(plan, progress);                           // 3
        List<HostOutcome> reconfigured = reconfigure(plan, options, progress, interruption); // 4, 5
        if (interruption.requested()) {
            return new ChangeReport(store, reconfigured, notCreated(plan), true);
        }
        List<NetworkOutcome> networks = createNetworks(plan, reconfigured, options, progress); // 6
        return new ChangeReport(store, reconfigured, networks, interruption.requested());
    }

    private static ChangeReport interrupted(Plan plan, List<HostOutcome> store) {
        return new ChangeReport(store, plan.hosts().stream().map(p -> p.changesSomething()
                ? HostOutcome.notStarted(p.host(), "init")
                : new HostOutcome(p.host(), HostOutcome.Status.UNCHANGED, p.why())).toList(), notCreated(plan), true);
    }

    private static List<NetworkOutcome> notCreated(Plan plan) {
        return plan.networks().stream().filter(n -> n.createOn().isPresent())
                .map(n -> new NetworkOutcome(n.spec().name(), Optional.empty(), List.of(), List.of(),
                        Optional.of("not created: init was interrupted first"))).toList();
    }

    private static void requireUnblocked(Plan plan) {
        if (plan.blocked()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "preflight: " + plan.blockers().size()
                    + " problem(s), nothing was changed; first: " + plan.blockers().get(0).format());
        }
    }

    private List<HostOutcome> startStore(Plan plan, ApplyOptions options, ChangeProgress progress,
                                         Interruption interruption) {
        List<HostOutcome> out = new ArrayList<>();
        List<StoreStep> started = new ArrayList<>();
        for (StoreStep step : plan.store()) {
            HostHandle host = hosts.require(step.host());
            if (step.action() != StoreStep.Action.NONE && !interruption.begin(host.name(), "store container "
                    + step.spec().name() + " being " + (step.action() == StoreStep.Action.CREATE ? "created" : "started"))) {
                out.add(HostOutcome.notStarted(host.name(), "init"));
                continue;
            }
            started.add(step);
            try {
                startStoreOn(host, step, progress);
            } finally {
                interruption.end(host.name());
            }
        }
        if (interruption.requested()) {
            // Not waited for: no dockerd restarts after an interrupt, and a store comes up by itself.
            for (StoreStep step : started) {
                out.add(new HostOutcome(step.host(), step.action() == StoreStep.Action.NONE
                        ? HostOutcome.Status.UNCHANGED : HostOutcome.Status.CHANGED, switch (step.action()) {
                            case CREATE -> "created " + step.spec().name();
                            case START -> "started " + step.spec().name();
                            case NONE -> step.spec().name() + " already running";
                        } + "; its health not waited for (interrupted)"));
            }
            return out;
        }
        for (StoreStep step : plan.store()) {
            HostHandle host = hosts.require(step.host());
            String endpoint = endpointOf(step.host());
            StoreAnswer answer = Poll.until(options.storeWait(), options.pollInterval(), () -> {
                StoreAnswer a = host.storeProbe().probe(endpoint);
                return a.healthy() ? Optional.of(a) : Optional.empty();
            }).orElseGet(() -> host.storeProbe().probe(endpoint));
            if (!answer.healthy()) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + host.name() + ": wait for the store: "
                        + step.spec().name() + " at " + endpoint + " is not healthy after " + options.storeWait().toSeconds()
                        + " s (" + answer.detail() + "); no dockerd was restarted. See `docker logs "
                        + step.spec().name() + "` on " + host.name());
            }
            progress.step(host.name(), "store healthy: " + answer.detail());
            out.add(new HostOutcome(host.name(), step.action() == StoreStep.Action.NONE
                    ? HostOutcome.Status.UNCHANGED : HostOutcome.Status.CHANGED,
                    switch (step.action()) {
                        case CREATE -> "created " + step.spec().name() + "; healthy";
                        case START -> "started " + step.spec().name() + "; healthy";
                        case NONE -> step.spec().name() + " already running; healthy";
                    }));
        }
        return out;
    }

    private static void startStoreOn(HostHandle host, StoreStep step, ChangeProgress progress) {
        switch (step.action()) {
            case CREATE -> {
                progress.step(host.name(), "creating store container " + step.spec().name() + " (" + step.spec().image() + ")");
                host.docker().createAndStart(step.spec());
            }
            case START -> {
                progress.step(host.name(), "starting store container " + step.spec().name());
                host.docker().start(step.spec().name());
            }
            case NONE -> progress.step(host.name(), "store container " + step.spec().name() + " already running");
        }
    }

    private void requireStoreFromRestartingHosts(Plan plan, ChangeProgress progress) {
        List<HostPlan> restarting = plan.hosts().stream().filter(HostPlan::restartDocker).toList();
        List<HostResult<List<StoreAnswer>>> answers = hosts.parallel().forEach(restarting, HostPlan::host,
                p -> plan.layout().endpoints().stream().map(e -> hosts.require(p.host()).storeProbe().probe(e)).toList());
        List<String> problems = new ArrayList<>();
        for (HostResult<List<StoreAnswer>> r : answers) {
            if (r.error().isPresent()) {
                problems.add(r.error().get().getMessage());
                continue;
            }
            for (StoreAnswer a : r.value().get()) {
                if (!a.healthy()) {
                    problems.add("host " + r.host() + ": check the store: " + a.endpoint() + " does not answer from this"
                            + " host (" + a.detail() + ")");
                } else {
                    progress.step(r.host(), "store " + a.endpoint() + " answers from here");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new OvlException(ExitCode.HOST_FAILED, String.join("; ", problems)
                    + "; no dockerd was restarted (a dockerd started while its store is unreachable does not join)");
        }
    }

    private List<HostOutcome> reconfigure(Plan plan, ApplyOptions options, ChangeProgress progress,
                                          Interruption interruption) {
        HostReconfigure step = new HostReconfigure(options, progress, plan.layout().endpoints(), interruption, "init");
        boolean storeOnOverlayHosts = plan.store().stream().anyMatch(s -> plan.hosts().stream()
                .anyMatch(h -> h.host().equals(s.host()) && h.restartDocker()));
        if (storeOnOverlayHosts && !options.rolling()) {
            // Restarting a store member's dockerd restarts the member: one at a time keeps a quorum.
            progress.step("init", "store members run on overlay hosts: restarting one host at a time");
        }
        if (!options.rolling() && !storeOnOverlayHosts) {
            return hosts.parallel().forEach(plan.hosts(), HostPlan::host, p -> step.apply(hosts.require(p.host()), p))
                    .stream()
                    .map(r -> r.value().orElseGet(() -> new HostOutcome(r.host(), HostOutcome.Status.FAILED,
                            r.error().map(Throwable::getMessage).orElse("failed"))))
                    .toList();
        }
        List<HostOutcome> out = new ArrayList<>();
        boolean stopped = false;
        for (HostPlan p : plan.hosts()) {
            if (stopped) {
                out.add(new HostOutcome(p.host(), HostOutcome.Status.SKIPPED,
                        "not attempted: --rolling stopped at the first failure"));
                continue;
            }
            HostOutcome o = step.apply(hosts.require(p.host()), p);
            out.add(o);
            stopped = o.failed() && o.status() != HostOutcome.Status.NOT_STARTED;
        }
        return out;
    }

    private List<NetworkOutcome> createNetworks(Plan plan, List<HostOutcome> outcomes, ApplyOptions options,
                                                ChangeProgress progress) {
        List<String> unjoined = plan.hosts().stream().filter(KvSubset::leftUnjoined).map(HostPlan::host).toList();
        List<String> joined = outcomes.stream().filter(o -> !o.failed() && !unjoined.contains(o.host()))
                .map(HostOutcome::host).toList();
        List<NetworkOutcome> out = new ArrayList<>();
        for (NetworkStep n : plan.networks()) {
            Optional<String> createdOn = Optional.empty();
            if (n.createOn().isPresent()) {
                Optional<String> on = n.createOn().filter(joined::contains).or(() -> joined.stream().findFirst());
                if (on.isEmpty()) {
                    out.add(new NetworkOutcome(n.spec().name(), Optional.empty(), List.of(), joined,
                            Optional.of("not created: no overlay host joined the store")));
                    continue;
                }
                HostHandle host = hosts.require(on.get());
                progress.step(host.name(), "creating network " + n.spec().name());
                CommandResult r = host.shell().run(RemoteCommand.of(DockerNetworkCreate.args(n.spec())));
                if (!r.succeeded() && !r.stderrText().contains("already exists")) {
                    out.add(new NetworkOutcome(n.spec().name(), Optional.empty(), List.of(), joined, Optional.of(
                            "host " + host.name() + ": create network " + n.spec().name() + ": " + r.stderrText().strip())));
                    continue;
                }
                createdOn = r.succeeded() ? on : Optional.empty();
            }
            out.add(confirmSeen(n, createdOn, joined, options, progress));
        }
        return out;
    }

    /** Every joined host must list the network; in kv mode it arrives through the store, give it a moment. */
    private NetworkOutcome confirmSeen(NetworkStep n, Optional<String> createdOn, List<String> joined, ApplyOptions options,
                                       ChangeProgress progress) {
        List<HostResult<Boolean>> seen = hosts.parallel().forEach(joined, Function.identity(), name ->
                Poll.until(options.storeWait(), options.pollInterval(), () -> {
                    CommandResult r = hosts.require(name).shell().run(StateCommands.OVERLAY_NETWORKS);
                    Set<String> names = r.succeeded() ? StateReader.names(r.stdoutText()) : Set.of();
                    return names.contains(n.spec().name()) ? Optional.of(true) : Optional.empty();
                }).orElse(false));
        List<String> seenOn = new ArrayList<>();
        List<String> missingOn = new ArrayList<>();
        for (HostResult<Boolean> r : seen) {
            (r.value().orElse(false) ? seenOn : missingOn).add(r.host());
        }
        seenOn.forEach(h -> progress.step(h, "sees network " + n.spec().name()));
        missingOn.forEach(h -> progress.step(h, "does NOT see network " + n.spec().name()));
        return new NetworkOutcome(n.spec().name(), createdOn, seenOn, missingOn, Optional.empty());
    }

    private boolean isStoreHost(String name) {
        return layout.cluster().map(c -> c.nodes().stream().anyMatch(n -> n.name().equals(name))).orElse(false);
    }

    private String endpointOf(String storeHost) {
        KvNode node = layout.cluster().orElseThrow().nodes().stream().filter(n -> n.name().equals(storeHost))
                .findFirst().orElseThrow();
        return HostPort.of(node.address(), layout.cluster().get().clientPort());
    }
}
