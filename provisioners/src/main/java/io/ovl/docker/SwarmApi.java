package io.ovl.docker;

import io.ovl.topology.NetworkSpec;
import java.util.List;
import java.util.Optional;

/**
 * The Docker Engine API calls swarm mode makes on one host. {@link DockerJavaSwarmApi} sends them with
 * docker-java over the host's SSH connection; unit tests of pure orchestration use fakes.
 */
public interface SwarmApi {

    NodeInfo info();

    /** The swarm's join tokens; only a manager answers. */
    JoinTokens joinTokens();

    /** {@code POST /swarm/init}; returns the new node ID. */
    String init(InitRequest request);

    /** {@code POST /swarm/join}; the token travels in the request body, never on a command line. */
    void join(String advertiseAddr, List<String> remoteManagers, String token);

    /** {@code POST /swarm/leave}; {@code force} is needed for a manager. */
    void leave(boolean force);

    /**
     * Sets node {@code nodeId}'s role to worker ({@code docker node demote}): reads the node's spec
     * and version, then {@code POST /nodes/{id}/update} with the role changed; only a manager
     * answers. Demoting a worker changes nothing.
     */
    void demote(String nodeId);

    /**
     * Removes node {@code nodeId} from the swarm's list ({@code docker node rm}), once it has left:
     * a node still up is refused ("is not down"); only a manager answers.
     */
    void removeNode(String nodeId);

    /** The swarm's nodes; only a manager answers. */
    List<SwarmNode> nodes();

    List<SwarmNetwork> networks();

    /** Creates {@code spec} as a swarm overlay; in swarm mode ovl makes every network attachable. */
    void createNetwork(NetworkSpec spec);

    /** Removes a network by name or ID; false when it was not there. */
    boolean removeNetwork(String nameOrId);

    record JoinTokens(String worker, String manager) {
        @Override
        public String toString() {
            return "JoinTokens[redacted]"; // tokens are secrets: keep them out of logs and reports
        }
    }

    /**
     * @param dataPathPort     VXLAN port, empty for Docker's 4789
     * @param defaultAddrPool  pools for networks without a subnet, empty for Docker's
     */
    record InitRequest(String advertiseAddr, Optional<Integer> dataPathPort, List<String> defaultAddrPool) {
        public InitRequest {
            defaultAddrPool = List.copyOf(defaultAddrPool);
        }
    }
}
