package io.ovl.swarm;

import io.ovl.core.OvlException;
import io.ovl.docker.LocalState;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmApi;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import io.ovl.change.NetworkOutcome;
import io.ovl.change.NetworkStep;
import io.ovl.change.ChangeProgress;
import io.ovl.topology.Host;
import io.ovl.topology.SwarmSettings;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ovl init} in swarm mode. Applies a {@link SwarmPlan}:
 * <ol>
 *   <li>start the swarm on the first manager (advertise address, data-path port and address pool
 *       from the topology; the swarm is labelled as ovl's);</li>
 *   <li>read the join tokens and the managers' addresses from that manager;</li>
 *   <li>join the other managers, one at a time (each changes the raft membership);</li>
 *   <li>join the workers;</li>
 *   <li>create the missing networks on the manager and confirm the manager lists them.</li>
 * </ol>
 * A host that fails is reported and the others go on; the networks are created only when the
 * manager is in place. Interrupted ({@link Interruption}): no host starts its init or join after the
 * request, a join in flight finishes; the report marks the hosts not started, networks not created.
 */
public final class SwarmInit {
    static final java.time.Duration CONFIRM_TIMEOUT = java.time.Duration.ofSeconds(15);
    private final Topology topology;
    private final OpenHosts hosts;

    public SwarmInit(Topology topology, OpenHosts hosts) {
        this.topology = topology;
        this.hosts = hosts;
    }

    public SwarmFacts facts() {
        return SwarmFacts.read(topology, hosts);
    }

    public SwarmPlan plan(boolean force) {
        return SwarmPlanner.plan(topology, facts(), force);
    }

    public ChangeReport apply(SwarmPlan plan, ChangeProgress progress) {
        return apply(plan, progress, Interruption.none());
    }

    public ChangeReport apply(SwarmPlan plan, ChangeProgress progress, Interruption interruption) {
        if (plan.blocked()) {
            throw new IllegalArgumentException("a blocked plan is never applied: " + plan.blockers());
        }
        List<HostOutcome> outcomes = new ArrayList<>();
        boolean managerReady = true;
        SwarmApi manager = hosts.require(plan.manager()).swarm();
        for (SwarmStep step : plan.hosts()) {
            if (step.action() == SwarmStep.Action.INIT) {
                HostOutcome o = inFlight(interruption, step.host(), "swarm init in flight (the host may be a"
                        + " one-node swarm)", () -> init(step, progress));
                managerReady = !o.failed();
                outcomes.add(o);
            }
        }
        Optional<Joining> joining = Optional.empty();
        if (managerReady && plan.hosts().stream().anyMatch(s -> s.action() == SwarmStep.Action.JOIN)) {
            try {
                joining = Optional.of(new Joining(manager.joinTokens(), manager.info().remoteManagers()));
            } catch (OvlException e) {
                progress.step(plan.manager(), "cannot read the join tokens: " + e.getMessage());
                managerReady = false;
            }
        }
        Optional<Joining> tokens = joining;
        for (SwarmStep step : plan.hosts()) {
            switch (step.action()) {
                case NONE -> outcomes.add(new HostOutcome(step.host(), HostOutcome.Status.UNCHANGED, step.why()));
                case INIT -> { } // done above
                case JOIN -> outcomes.add(tokens.isEmpty()
                        ? interruption.requested() ? HostOutcome.notStarted(step.host(), "init")
                                : new HostOutcome(step.host(), HostOutcome.Status.SKIPPED, "not joined: the manager "
                                + plan.manager() + " is not ready")
                        : inFlight(interruption, step.host(), "joining the swarm (it may be in it, or joining)",
                                () -> join(step, tokens.get(), progress)));
            }
        }
        List<NetworkOutcome> networks = new ArrayList<>();
        for (NetworkStep n : plan.networks()) {
            if (n.createOn().isPresent() && !interruption.begin(plan.manager(), "creating network " + n.spec().name())) {
                networks.add(new NetworkOutcome(n.spec().name(), Optional.empty(), List.of(), List.of(),
                        Optional.of("not created: init was interrupted first")));
                continue;
            }
            try {
                networks.add(managerReady ? network(n, plan.manager(), manager, progress)
                        : new NetworkOutcome(n.spec().name(), Optional.empty(), List.of(), List.of(plan.manager()),
                        Optional.of("not created: the manager " + plan.manager() + " is not ready")));
            } finally {
                interruption.end(plan.manager());
            }
        }
        return new ChangeReport(List.of(), outcomes, networks, interruption.requested());
    }

    /** Runs {@code step} on {@code host} as a step in flight, or marks it not started after an interrupt. */
    private static HostOutcome inFlight(Interruption interruption, String host, String state,
                                        java.util.function.Supplier<HostOutcome> step) {
        if (!interruption.begin(host, state)) {
            return HostOutcome.notStarted(host, "init");
        }
        try {
            return step.get();
        } finally {
            interruption.end(host);
        }
    }

    private record Joining(SwarmApi.JoinTokens tokens, List<String> managers) {
    }

    private HostOutcome init(SwarmStep step, ChangeProgress progress) {
        SwarmApi api = hosts.require(step.host()).swarm();
        Host host = topology.host(step.host()).orElseThrow();
        SwarmSettings settings = topology.swarmSettings();
        try {
            leaveIfNeeded(step, api, progress);
            progress.step(step.host(), "swarm init, advertising " + host.advertiseOrAddress());
            String nodeId = api.init(new SwarmApi.InitRequest(host.advertiseOrAddress(),
                    settings.dataPathPort() == SwarmSettings.DEFAULT_DATA_PATH_PORT ? Optional.empty()
                            : Optional.of(settings.dataPathPort()),
                    settings.defaultAddressPool().stream().map(Object::toString).toList()));
            return new HostOutcome(step.host(), HostOutcome.Status.CHANGED, "started the swarm (manager, node "
                    + nodeId + ")");
        } catch (OvlException e) {
            return new HostOutcome(step.host(), HostOutcome.Status.FAILED, e.getMessage());
        }
    }

    private HostOutcome join(SwarmStep step, Joining joining, ChangeProgress progress) {
        SwarmApi api = hosts.require(step.host()).swarm();
        Host host = topology.host(step.host()).orElseThrow();
        String token = step.role() == io.ovl.topology.SwarmRole.MANAGER ? joining.tokens().manager()
                : joining.tokens().worker();
        try {
            leaveIfNeeded(step, api, progress);
            progress.step(step.host(), "joining as " + step.role().key());
            api.join(host.advertiseOrAddress(), joining.managers(), token);
            NodeInfo after = api.info();
            if (after.state() != LocalState.ACTIVE) {
                return new HostOutcome(step.host(), HostOutcome.Status.FAILED, "joined, but its swarm state is "
                        + after.state().name().toLowerCase() + (after.error().isBlank() ? "" : ": " + after.error()));
            }
            return new HostOutcome(step.host(), HostOutcome.Status.CHANGED, "joined as " + step.role().key());
        } catch (OvlException e) {
            return new HostOutcome(step.host(), HostOutcome.Status.FAILED, e.getMessage());
        }
    }

    private static void leaveIfNeeded(SwarmStep step, SwarmApi api, ChangeProgress progress) {
        if (step.leaveFirst()) {
            progress.step(step.host(), "leaving its previous swarm (--force)");
            api.leave(true);
        }
    }

    /**
     * Whether the manager lists {@code name} as a swarm overlay. Seen on the lab (Engine 26): a network
     * created right after the workers joined was missing from the manager's list for a moment, so
     * this asks again for up to {@link #CONFIRM_TIMEOUT}.
     */
    private static boolean listed(SwarmApi manager, String name) {
        long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
        while (true) {
            if (manager.networks().stream().anyMatch(x -> x.name().equals(name) && x.swarmOverlay())) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OvlException(io.ovl.core.ExitCode.INTERRUPTED, "interrupted while confirming network " + name, e);
            }
        }
    }

    private static NetworkOutcome network(NetworkStep n, String managerHost, SwarmApi manager, ChangeProgress progress) {
        String name = n.spec().name();
        Optional<String> created = Optional.empty();
        if (n.createOn().isPresent()) {
            progress.step(managerHost, "creating network " + name + (n.spec().encrypted() ? " (encrypted)" : ""));
            try {
                manager.createNetwork(n.spec());
                created = Optional.of(managerHost);
            } catch (OvlException e) {
                return new NetworkOutcome(name, Optional.empty(), List.of(), List.of(managerHost), Optional.of(e.getMessage()));
            }
        }
        try {
            boolean seen = listed(manager, name);
            return new NetworkOutcome(name, created, seen ? List.of(managerHost) : List.of(),
                    seen ? List.of() : List.of(managerHost), Optional.empty());
        } catch (OvlException e) {
            return new NetworkOutcome(name, created, List.of(), List.of(managerHost), Optional.of(e.getMessage()));
        }
    }
}
