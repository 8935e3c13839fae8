package io.ovl.swarm;

import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Real answers captured from lab hosts: {@code docker info --format '{{json .}}'} (the same JSON as
 * {@code GET /info}) and a manager's {@code GET /nodes}, Engine 26.1.5 (swarm/) and 20.10.24
 * (io/ovl/facts/, captured for the parsers). The swarm ones: h1 (198.18.244.11) ran
 * {@code swarm init} with ovl's label, h2 (198.18.244.12) joined as a worker.
 */
final class Captured {
    static final String MANAGER_NODE = "nloys6c8co5eccu2iflmys9bu";
    static final String WORKER_NODE = "tl2pbb2l9j5unyjah9h0xq9gd";
    static final String CLUSTER = "vm4z5z8sw8ffq99mmjk7pf42d";

    private Captured() {
    }

    static String read(String resource) {
        try (InputStream in = Captured.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NodeInfo inactive26() {
        return NodeInfo.parse(read("/swarm/info-26-inactive.json"));
    }

    static NodeInfo manager26() {
        return NodeInfo.parse(read("/swarm/info-26-manager.json"));
    }

    static NodeInfo worker26() {
        return NodeInfo.parse(read("/swarm/info-26-worker.json"));
    }

    static NodeInfo inactive2010() {
        return NodeInfo.parse(read("/io/ovl/facts/docker-info-20.10.json"));
    }

    static NodeInfo clusterStore2010() {
        return NodeInfo.parse(read("/io/ovl/facts/docker-info-20.10-cluster-store.json"));
    }

    static java.util.List<SwarmNode> nodes26() {
        return SwarmNode.parseList(read("/swarm/nodes-26.json"));
    }
}
