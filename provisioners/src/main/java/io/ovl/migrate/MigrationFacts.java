package io.ovl.migrate;

import io.ovl.facts.Fact;
import io.ovl.net.NetReadout;
import io.ovl.kvmode.HostState;
import io.ovl.swarm.SwarmFacts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link MigrationPlanner} reads, gathered before any change.
 *
 * @param kv       every topology host's dockerd configuration (ovl's drop-in, docker info with its
 *                 ClusterStore, running containers, daemon.json), as kv reset reads it
 * @param networks every overlay host's overlay networks with their local endpoints
 * @param saved    per overlay host, the inventory an earlier migrate run saved there (empty: none)
 * @param swarm    the swarm side, as swarm init reads it
 * @param attached for each container the saved inventory names ({@link #key}), the networks it is
 *                 configured for now, name to network ID; empty when the container is gone. A
 *                 container whose entry names the swarm network's ID was reconnected already.
 * @param stopped  per overlay host, its containers that do not run (exited, created) with the
 *                 networks they are configured for: the network readout does not show them
 */
public record MigrationFacts(List<HostState> kv, NetReadout networks, Map<String, Fact<Optional<KvInventory>>> saved,
                             SwarmFacts swarm, Map<String, Fact<Optional<Map<String, String>>>> attached,
                             Map<String, Fact<List<StoppedContainers.Container>>> stopped) {
    public MigrationFacts {
        kv = List.copyOf(kv);
        Objects.requireNonNull(networks, "networks");
        saved = Map.copyOf(saved);
        Objects.requireNonNull(swarm, "swarm");
        attached = Map.copyOf(attached);
        stopped = Map.copyOf(stopped);
    }

    /** Facts with no stopped container read on any host. */
    public MigrationFacts(List<HostState> kv, NetReadout networks, Map<String, Fact<Optional<KvInventory>>> saved,
                          SwarmFacts swarm, Map<String, Fact<Optional<Map<String, String>>>> attached) {
        this(kv, networks, saved, swarm, attached, Map.of());
    }

    /** Facts of a run with nothing saved yet, so no container to look up. */
    public MigrationFacts(List<HostState> kv, NetReadout networks, Map<String, Fact<Optional<KvInventory>>> saved,
                          SwarmFacts swarm) {
        this(kv, networks, saved, swarm, Map.of(), Map.of());
    }

    /** "h2/web2": the key of {@link #attached}. */
    public static String key(String host, String container) {
        return host + "/" + container;
    }
}
