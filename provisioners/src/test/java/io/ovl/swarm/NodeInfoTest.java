package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.docker.LocalState;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmNode;
import io.ovl.facts.UnparseableOutputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing of captured real {@code GET /info} and {@code GET /nodes} answers (see {@link Captured}). */
class NodeInfoTest {

    @Test
    void aManagerKnowsItsSwarmAndOvlsMark() {
        NodeInfo m = Captured.manager26();
        assertEquals(LocalState.ACTIVE, m.state());
        assertTrue(m.activeManager());
        assertEquals(Optional.of(Captured.CLUSTER), m.clusterId());
        assertTrue(m.markedByOvl());
        assertEquals(List.of("198.18.244.11:2377"), m.remoteManagers());
        assertEquals("198.18.244.11", m.nodeAddr());
        assertEquals("26.1.5+dfsg1", m.serverVersion());
    }

    @Test
    void aWorkerIsActiveButKnowsNoClusterId() {
        NodeInfo w = Captured.worker26();
        assertEquals(LocalState.ACTIVE, w.state());
        assertFalse(w.activeManager());
        assertEquals(Optional.empty(), w.clusterId());
        assertFalse(w.markedByOvl());
        assertEquals(Captured.WORKER_NODE, w.nodeId());
        assertEquals(List.of("198.18.244.11:2377"), w.remoteManagers());
    }

    @Test
    void inactiveEnginesOfBothVersionsAndAClusterStore() {
        assertEquals(LocalState.INACTIVE, Captured.inactive26().state());
        assertEquals(LocalState.INACTIVE, Captured.inactive2010().state());
        assertEquals(Optional.empty(), Captured.inactive2010().clusterStore());
        assertEquals(Optional.of("etcd://198.18.252.250:2379/network"), Captured.clusterStore2010().clusterStore());
    }

    @Test
    void nodesCarryRoleStateAvailabilityAndEngine() {
        List<SwarmNode> nodes = Captured.nodes26();
        assertEquals(List.of(Captured.MANAGER_NODE, Captured.WORKER_NODE), nodes.stream().map(SwarmNode::id).toList());
        SwarmNode m = nodes.get(0);
        assertTrue(m.manager());
        assertEquals(List.of("ready", "active", "reachable", "26.1.5+dfsg1"),
                List.of(m.state(), m.availability(), m.reachability(), m.engineVersion()));
        assertFalse(nodes.get(1).manager());
        assertEquals("", nodes.get(1).reachability());
    }

    @Test
    void somethingThatIsNotDockerInfoIsRefusedWithTheReason() {
        assertThrows(UnparseableOutputException.class, () -> NodeInfo.parse("{\"Containers\": 1}"));
        assertThrows(UnparseableOutputException.class, () -> NodeInfo.parse("Cannot connect to the Docker daemon"));
        assertThrows(UnparseableOutputException.class, () -> SwarmNode.parseList("{}"));
    }
}
