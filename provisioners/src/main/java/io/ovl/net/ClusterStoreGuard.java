package io.ovl.net;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.Fact;
import io.ovl.facts.DockerInfo;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * kv mode, before any net command asks Docker about overlay networks: every reached overlay host's
 * dockerd must run with a cluster store. Without one, Docker answers an overlay request with "This
 * node is not a swarm manager", which sends the user the wrong way; the real next step is
 * {@code ovl init}. A host whose {@code docker info} cannot be read is let through: the command
 * itself then reports why it cannot read that host.
 */
public final class ClusterStoreGuard {
    private ClusterStoreGuard() {
    }

    /**
     * Reads {@code docker info} on every reached overlay host (kv mode) and throws, exit 3, when a
     * dockerd has no cluster store.
     */
    public static void require(OpenHosts hosts, ParallelHosts parallel) {
        Map<String, Fact<DockerInfo>> infos = new LinkedHashMap<>();
        for (HostResult<Fact<DockerInfo>> r : parallel.forEach(hosts.reached(), Function.identity(),
                h -> Fact.of(hosts.require(h).shell(), NetCommands.DOCKER_INFO, DockerInfo::parse))) {
            r.value().ifPresent(f -> infos.put(r.host(), f));
        }
        List<String> without = hosts.names().stream().filter(h -> Optional.ofNullable(infos.get(h)).flatMap(Fact::value)
                .map(i -> i.clusterStore().isEmpty()).orElse(false)).toList();
        refusal(hosts.names(), infos).ifPresent(why -> {
            throw new OvlException(ExitCode.CHECKS_FAILED, why, without, null);
        });
    }

    /**
     * Pure: why the hosts (in {@code order}, the topology's) cannot carry a kv overlay, or empty.
     * "h2, h3: dockerd has no cluster store; run `ovl init` first" for hosts not set up yet; an
     * Engine of 23 or later cannot have one at all, and init would refuse it, so it is told apart.
     */
    static Optional<String> refusal(List<String> order, Map<String, Fact<DockerInfo>> infos) {
        List<String> noStore = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        for (String host : order) {
            Optional<DockerInfo> info = Optional.ofNullable(infos.get(host)).flatMap(Fact::value);
            if (info.isEmpty() || info.get().clusterStore().isPresent()) {
                continue;
            }
            if (info.get().supportsClusterStore()) {
                noStore.add(host);
            } else {
                tooNew.add(host + " (Engine " + info.get().serverVersion() + ")");
            }
        }
        List<String> parts = new ArrayList<>();
        if (!noStore.isEmpty()) {
            parts.add(String.join(", ", noStore) + ": dockerd has no cluster store; run `ovl init` first");
        }
        if (!tooNew.isEmpty()) {
            parts.add(String.join(", ", tooNew) + ": Docker Engine 23 and later has no cluster store, which mode kv"
                    + " needs; use mode swarm (`ovl migrate`) or Engine 20.10 there");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }
}
