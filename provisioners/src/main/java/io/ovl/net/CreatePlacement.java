package io.ovl.net;

import io.ovl.topology.Host;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.List;

/**
 * Where a network is created, by mode ({@code OverlayMode#placement}). kv: any overlay host (the store carries it to the others).
 * swarm: a manager (only managers can create swarm-scoped networks), attachable by default so plain
 * {@code docker run --network} containers (and verify's probes) can join.
 */
public interface CreatePlacement {

    /** The hosts to create on, in order of preference; the first one reached is used. */
    List<String> candidates(Topology topology);

    /**
     * The hosts that must list a new network before create reports success. kv: every overlay
     * host. swarm: the managers (a worker lists a network only while a task of its uses it).
     */
    List<String> mustSee(Topology topology);

    /** Whether a network is attachable when the user did not say. */
    boolean attachableByDefault();

    /** kv mode: every overlay host can create it. */
    record Kv() implements CreatePlacement {
        @Override
        public List<String> candidates(Topology topology) {
            return topology.overlayHosts().stream().map(Host::name).toList();
        }

        @Override
        public List<String> mustSee(Topology topology) {
            return candidates(topology);
        }

        @Override
        public boolean attachableByDefault() {
            return false;
        }
    }

    /** swarm mode: managers only. */
    record Swarm() implements CreatePlacement {
        @Override
        public List<String> candidates(Topology topology) {
            return topology.overlayHosts().stream()
                    .filter(h -> topology.swarmRole(h).orElse(SwarmRole.WORKER) == SwarmRole.MANAGER)
                    .map(Host::name).toList();
        }

        @Override
        public List<String> mustSee(Topology topology) {
            return candidates(topology);
        }

        @Override
        public boolean attachableByDefault() {
            return true;
        }
    }
}
