package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DockerNetwork;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SwarmRole;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * After setup: every overlay host sees every overlay network of the topology that exists
 * anywhere. A host that misses one is not in the cluster (kv: store or discovery problem; swarm:
 * not joined). Swarm shows a network on a worker only while a task uses it, so there only
 * managers are checked.
 */
public final class OverlayNetworksVisible extends HostLocalCheck {
    @Override
    public String name() {
        return "overlay.networks";
    }

    @Override
    public String description() {
        return "after setup: every overlay host sees every overlay network of the topology";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        if (!host.host().overlay()) {
            return Finding.skip("not an overlay host");
        }
        if (context.topology().mode() == Mode.SWARM
                && context.topology().swarmRole(host.host()).orElse(SwarmRole.WORKER) != SwarmRole.MANAGER) {
            return Finding.skip("swarm worker: networks show only while a task uses them");
        }
        if (host.facts().dockerNetworks().value().isEmpty()) {
            return Finding.skip("Docker networks unknown: " + host.facts().dockerNetworks().why());
        }
        Set<String> existing = new LinkedHashSet<>();
        for (GatheredHost h : context.reachedHosts()) {
            overlays(h).forEach(existing::add);
        }
        List<String> wanted = context.topology().networks().stream().map(NetworkSpec::name)
                .filter(existing::contains).toList();
        if (wanted.isEmpty()) {
            return Finding.skip("no overlay network of the topology exists yet (ovl init creates them)");
        }
        List<String> mine = overlays(host);
        List<String> missing = wanted.stream().filter(n -> !mine.contains(n)).toList();
        if (!missing.isEmpty()) {
            return Finding.fail("does not see " + String.join(", ", missing) + ", which other hosts see",
                    context.topology().mode() == Mode.KV
                            ? "see kv.reachable and dockerd.log; restart docker on this host once the store answers"
                            : "join this host to the swarm (ovl init)");
        }
        return Finding.pass("sees " + String.join(", ", wanted));
    }

    private static List<String> overlays(GatheredHost h) {
        return h.facts().dockerNetworks().value().orElse(List.of()).stream()
                .filter(n -> n.driver().equals("overlay")).map(DockerNetwork::name).toList();
    }
}
