package io.ovl.migrate;

import io.ovl.docker.NodeInfo;
import io.ovl.facts.Fact;
import io.ovl.facts.DockerInfo;
import io.ovl.net.NetReadout;
import io.ovl.net.OverlayNetwork;
import io.ovl.kvmode.HostState;
import io.ovl.swarm.HostView;
import io.ovl.swarm.SwarmFacts;
import io.ovl.topology.Host;
import io.ovl.topology.SwarmRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migration facts made of real answers captured on lab migx (resources under /migrate, see its
 * README): a kv lab of three Engine 20.10 hosts after {@code ovl init}, h1 the store host without a
 * drop-in, h2 and h3 with ovl's drop-in and the cluster-store, labnet with web2 on h2. The hosts are
 * renamed h1..h3 (the planner only matches names). A fake of the host readout, for the pure planner.
 */
final class CapturedKv {
    static final Host H1 = Host.of("migx-h1", "198.19.116.11");
    static final Host H2 = Host.of("migx-h2", "198.19.116.12");
    static final Host H3 = Host.of("migx-h3", "198.19.116.13");

    private CapturedKv() {
    }

    static String read(String resource) {
        try (InputStream in = CapturedKv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kvInfo() {
        return read("/migrate/kv-info-h2-20.10.json");
    }

    /** h1: no drop-in, dockerd without a store (its info is the captured one with ClusterStore removed). */
    static HostState storeHost() {
        return state(H1.name(), Optional.empty(), storeHostInfo(), 1);
    }

    /** h2 or h3: ovl's drop-in (h2's, captured) and docker info with the cluster-store. */
    static HostState kvHost(String name, int running) {
        return state(name, Optional.of(read("/migrate/dropin-h2.conf")), kvInfo(), running);
    }

    static HostState state(String name, Optional<String> dropIn, String info, int running) {
        return new HostState(name, Fact.known(DockerInfo.parse(info)), Fact.unknown("not read in this test"),
                Fact.known(Optional.empty()), Fact.known(dropIn), Fact.known(running), Fact.known(Optional.empty()),
                Fact.unknown("not read in this test"), List.of());
    }

    static List<OverlayNetwork> networks(String resource) {
        return OverlayNetwork.parseInspect(read(resource)).stream().filter(OverlayNetwork::isOverlay).toList();
    }

    /** h1 lists no overlay (no store); h2 and h3 list labnet, h2 with web2 attached. */
    static NetReadout kvReadout() {
        Map<String, Fact<List<OverlayNetwork>>> m = new LinkedHashMap<>();
        m.put(H1.name(), Fact.known(List.of()));
        m.put(H2.name(), Fact.known(networks("/migrate/kv-networks-h2-20.10.json")));
        m.put(H3.name(), Fact.known(networks("/migrate/kv-networks-h3-20.10.json")));
        return new NetReadout(List.of(H1.name(), H2.name(), H3.name()), m);
    }

    /** Every host as its docker info read before the migration: not in a swarm (h2, h3 with the store). */
    static SwarmFacts kvSwarmFacts() {
        NodeInfo kv = NodeInfo.parse(kvInfo());
        NodeInfo plain = NodeInfo.parse(storeHostInfo());
        return new SwarmFacts(List.of(HostView.read(H1, SwarmRole.MANAGER, plain), HostView.read(H2, SwarmRole.WORKER, kv),
                HostView.read(H3, SwarmRole.WORKER, kv)), Optional.empty());
    }

    static String storeHostInfo() {
        return kvInfo().replaceFirst("\"ClusterStore\":\"[^\"]*\"", "\"ClusterStore\":\"\"");
    }

    static MigrationFacts kvLab() {
        return new MigrationFacts(List.of(storeHost(), kvHost(H2.name(), 1), kvHost(H3.name(), 0)), kvReadout(),
                Map.of(), kvSwarmFacts());
    }
}
