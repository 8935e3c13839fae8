package io.ovl.kvmode;

import io.ovl.core.Finding;
import io.ovl.facts.DaemonJson;
import io.ovl.render.ContainerSpec;
import io.ovl.render.DaemonJsonMerge;
import io.ovl.render.DockerdDropIn;
import io.ovl.render.KvNode;
import io.ovl.render.KvStoreSpecs;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Computes {@link ResetPlan}s from host states. Pure, like {@link Planner}. */
public final class ResetPlanner {
    private ResetPlanner() {
    }

    public static ResetPlan plan(Topology topology, List<HostState> states, boolean purge) {
        ClusterLayout layout = ClusterLayout.of(topology);
        ResetPlan dropIns = dropInRemovals(topology.hosts(), states);
        List<Finding> blockers = new ArrayList<>(dropIns.blockers());
        List<ResetPlan.StoreRemoval> store = new ArrayList<>();
        layout.cluster().ifPresent(cluster -> {
            for (KvNode node : cluster.nodes()) {
                ContainerSpec spec = KvStoreSpecs.render(cluster, node.name());
                HostState s = Preflight.stateOf(states, topology.host(node.name()).orElseThrow());
                if (!s.storeContainer().isKnown()) {
                    blockers.add(Finding.onHost(node.name(), "store.container", "cannot tell whether " + spec.name()
                            + " exists: " + s.storeContainer().why()));
                    continue;
                }
                // Host paths (TLS files) are the operator's, not ovl's data: --purge removes named volumes only.
                List<String> volumes = purge ? spec.volumes().stream().filter(v -> !v.hostPath())
                        .map(ContainerSpec.VolumeMount::volume).toList() : List.of();
                store.add(new ResetPlan.StoreRemoval(node.name(), spec.name(),
                        s.storeContainer().value().get().isPresent(), volumes));
            }
        });
        return new ResetPlan(dropIns.hosts(), store, blockers);
    }

    /**
     * The dockerd part of a reset alone, for any hosts (no store, so no kv topology needed):
     * {@code ovl migrate} removes ovl's kv configuration with it before the hosts go to swarm mode.
     */
    public static ResetPlan dropInRemovals(List<Host> hostsToReset, List<HostState> states) {
        List<Finding> blockers = new ArrayList<>();
        List<HostPlan> hosts = new ArrayList<>();
        for (Host host : hostsToReset) {
            HostState s = Preflight.stateOf(states, host);
            if (s.dockerUnit().value().isEmpty() && s.initScript().isKnown()) {
                DaemonJsonPlanner.reset(host, s, s.initScript().value().get(), blockers).ifPresent(hosts::add);
                continue; // no systemd: ovl's keys are in daemon.json
            }
            if (s.dockerUnit().value().isEmpty() && hasOvlKeys(s)) {
                // ovl's keys are there, but neither systemd nor a running init-script dockerd was found.
                blockers.add(Finding.onHost(host.name(), "daemon-json.keys", DaemonJson.PATH + " holds ovl's keys, but ovl"
                        + " cannot tell how to restart dockerd here: " + s.dockerService().why()));
                continue;
            }
            if (!s.dropIn().isKnown()) {
                blockers.add(Finding.onHost(host.name(), "drop-in.read", "cannot read " + DockerdDropIn.PATH + ": "
                        + s.dropIn().why()));
                continue;
            }
            Optional<String> current = s.dropIn().value().get();
            if (current.isEmpty()) {
                hosts.add(new HostPlan(host.name(), List.of(), false, "no ovl drop-in", 0, "", ""));
                continue;
            }
            if (!s.runningContainers().isKnown()) {
                blockers.add(Finding.onHost(host.name(), "containers.count",
                        "cannot tell which containers a restart would stop: " + s.runningContainers().why()));
            }
            hosts.add(new HostPlan(host.name(), List.of(new FileChange(DockerdDropIn.PATH, current, Optional.empty())),
                    true, "remove ovl's drop-in", s.runningContainers().value().orElse(0), "", ""));
        }
        return new ResetPlan(hosts, List.of(), blockers);
    }

    private static boolean hasOvlKeys(HostState s) {
        try {
            return s.daemonJson().value().flatMap(o -> o)
                    .map(text -> DaemonJsonMerge.remove(text).changed()).orElse(false);
        } catch (RuntimeException e) {
            return false; // unparseable: nothing ovl could remove either
        }
    }
}
