package io.ovl.kvmode;

import io.ovl.change.NetworkStep;
import io.ovl.core.Finding;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.Fact;
import io.ovl.facts.SystemdUnit;
import io.ovl.render.ContainerSpec;
import io.ovl.render.DockerdDropIn;
import io.ovl.render.KvNode;
import io.ovl.render.KvStoreSpecs;
import io.ovl.render.RenderedFile;
import io.ovl.topology.Host;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes init's {@link Plan} from the topology and what was read from the hosts. Pure: no host
 * access, so every decision (what to write, whether to restart, what already exists) is
 * unit-tested on captured outputs.
 */
public final class Planner {
    private final List<PreflightCheck> checks;

    public Planner(List<PreflightCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public Planner() {
        this(Preflight.DEFAULT);
    }

    /** Plans with the offline layout ({@link ClusterLayout#of(Topology)}): store hosts given by IPv4. */
    public Plan plan(Topology topology, List<HostState> states) {
        return plan(topology, ClusterLayout.of(topology), states);
    }

    /** @param layout the topology's layout with the store hosts' underlay addresses resolved on their facts */
    public Plan plan(Topology topology, ClusterLayout layout, List<HostState> states) {
        List<Finding> blockers = new ArrayList<>();
        for (PreflightCheck check : checks) {
            blockers.addAll(check.check(topology, layout, states));
        }
        List<StoreStep> store = new ArrayList<>();
        layout.cluster().ifPresent(cluster -> {
            for (KvNode node : cluster.nodes()) {
                ContainerSpec spec = KvStoreSpecs.render(cluster, node.name());
                HostState s = Preflight.stateOf(states, topology.host(node.name()).orElseThrow());
                storeStep(node.name(), spec, s.storeContainer(), blockers).ifPresent(store::add);
            }
        });
        List<HostPlan> hosts = new ArrayList<>();
        for (Host host : topology.overlayHosts()) {
            hostPlan(host, layout, Preflight.stateOf(states, host), blockers).ifPresent(hosts::add);
        }
        List<NetworkStep> networks = new ArrayList<>();
        for (NetworkSpec spec : topology.networks()) {
            List<String> presentOn = topology.overlayHosts().stream()
                    .filter(h -> Preflight.stateOf(states, h).overlayNetworkNames()
                            .map(names -> names.contains(spec.name())).orElse(false))
                    .map(Host::name)
                    .toList();
            Optional<String> createOn = presentOn.isEmpty() && !topology.overlayHosts().isEmpty()
                    ? Optional.of(topology.overlayHosts().get(0).name()) : Optional.empty();
            networks.add(new NetworkStep(spec, presentOn, createOn));
        }
        return new Plan(layout, layout.storeUrl(), store, hosts, networks, blockers);
    }

    private static Optional<StoreStep> storeStep(String host, ContainerSpec spec, Fact<Optional<StoreContainer>> fact,
                                                 List<Finding> blockers) {
        if (!fact.isKnown()) {
            blockers.add(Finding.onHost(host, "store.container", "cannot tell whether " + spec.name() + " exists: "
                    + fact.why()));
            return Optional.empty();
        }
        Optional<StoreContainer> existing = fact.value().get();
        if (existing.isEmpty()) {
            return Optional.of(new StoreStep(host, spec, StoreStep.Action.CREATE));
        }
        StoreContainer c = existing.get();
        if (!c.image().equals(spec.image()) || !c.cmd().equals(spec.cmd())) {
            // Replacing a store member loses or forks its data: that is the operator's decision.
            blockers.add(Finding.onHost(host, "store.container", "container " + spec.name() + " exists but with "
                    + (c.image().equals(spec.image()) ? "another command" : "image " + c.image() + " (the topology says "
                    + spec.image() + ")") + "; remove it (`ovl reset`, keeps its data volume) and run again"));
            return Optional.empty();
        }
        return Optional.of(new StoreStep(host, spec, c.running() ? StoreStep.Action.NONE : StoreStep.Action.START));
    }

    private static Optional<HostPlan> hostPlan(Host host, ClusterLayout layout, HostState s, List<Finding> blockers) {
        Optional<SystemdUnit> unit = s.dockerUnit().value();
        Optional<DockerInfo> info = s.dockerInfo().value();
        Optional<InitScriptDocker> initScript = s.initScript().value();
        if (unit.isEmpty() && initScript.isPresent() && info.isPresent()) {
            return DaemonJsonPlanner.init(host, layout, s, initScript.get(), info.get(), blockers); // no systemd
        }
        if (unit.isEmpty() || info.isEmpty() || !s.dropIn().isKnown()) {
            if (!s.dropIn().isKnown()) {
                blockers.add(Finding.onHost(host.name(), "drop-in.read", "cannot read " + DockerdDropIn.PATH + ": "
                        + s.dropIn().why()));
            }
            return Optional.empty(); // the preflight checks already name the missing fact
        }
        RenderedFile wanted;
        try {
            wanted = DockerdDropIn.render(unit.get(), layout.settingsFor(host));
        } catch (RuntimeException e) {
            blockers.add(Finding.onHost(host.name(), "drop-in.render", e.getMessage()));
            return Optional.empty();
        }
        Optional<String> current = s.dropIn().value().get();
        List<FileChange> files = current.equals(Optional.of(wanted.content())) ? List.of()
                : List.of(new FileChange(wanted.path(), current, Optional.of(wanted.content())));
        String expectedAdvertise = layout.expectedAdvertise(host).orElse("");
        boolean storeOk = info.get().clusterStore().equals(Optional.of(layout.storeUrl()));
        boolean advertiseOk = expectedAdvertise.isEmpty()
                || info.get().clusterAdvertise().equals(Optional.of(expectedAdvertise));
        String why;
        if (!files.isEmpty()) {
            why = current.isEmpty() ? "new drop-in" : "drop-in changes";
        } else if (!storeOk || !advertiseOk) {
            why = "drop-in in place but dockerd runs with cluster-store "
                    + info.get().clusterStore().orElse("(none)") + ": restart to apply it";
        } else {
            why = "already configured: dockerd runs with " + layout.storeUrl();
        }
        boolean restart = !files.isEmpty() || !storeOk || !advertiseOk;
        if (restart && !s.runningContainers().isKnown()) {
            blockers.add(Finding.onHost(host.name(), "containers.count", "cannot tell which containers a restart would stop: "
                    + s.runningContainers().why()));
        }
        return Optional.of(new HostPlan(host.name(), files, restart, why, s.runningContainers().value().orElse(0),
                layout.storeUrl(), expectedAdvertise));
    }
}
