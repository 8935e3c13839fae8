package io.ovl.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.DockerObject;
import com.github.dockerjava.api.model.DockerObjectAccessor;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.SwarmJoinTokens;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.transport.DockerHttpClient;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.addressing.IpamPool;
import io.ovl.topology.DockerNetworkCreate;
import io.ovl.topology.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link SwarmApi} with docker-java's swarm, node and network commands. Answers are read through
 * the pure parsers ({@link NodeInfo}, {@link SwarmNode}, {@link SwarmNetwork}) from the JSON the
 * daemon sent, which docker-java keeps beside its model ({@link DockerObject#getRawValues()}): its
 * model maps {@code Swarm.Cluster} of {@code GET /info} to a field the daemon never sends.
 *
 * <p>One call goes around docker-java's commands: {@code POST /swarm/init}, sent as JSON through
 * the same {@link DockerHttpClient}, because docker-java 3.4.1's {@code InitializeSwarmCmd} has no
 * {@code DataPathPort} and no {@code DefaultAddrPool} (the topology's {@code swarm.data-path-port}
 * and {@code swarm.default-addr-pool}), and its {@code SwarmSpec} no {@code Labels} (ovl's mark).
 * Paths are unversioned: each engine answers at its own API version (20.10 and 26 alike).
 */
public final class DockerJavaSwarmApi implements SwarmApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTEN_ADDR = "0.0.0.0:2377";

    private final DockerClient client;
    private final DockerHttpClient http;
    private final String host;

    /** @param http the transport under {@code client}, for swarm init alone */
    public DockerJavaSwarmApi(DockerClient client, DockerHttpClient http, String host) {
        this.client = client;
        this.http = http;
        this.host = host;
    }

    @Override
    public NodeInfo info() {
        return NodeInfo.of(raw(call("read docker info", () -> client.infoCmd().exec())));
    }

    @Override
    public JoinTokens joinTokens() {
        SwarmJoinTokens tokens = call("read the join tokens", () -> client.inspectSwarmCmd().exec()).getJoinTokens();
        return tokens == null ? new JoinTokens("", "")
                : new JoinTokens(String.valueOf(tokens.getWorker()), String.valueOf(tokens.getManager()));
    }

    @Override
    public String init(InitRequest request) {
        DockerHttpClient.Request post = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/swarm/init")
                .headers(Map.of("Content-Type", "application/json"))
                .bodyBytes(initBody(request).toString().getBytes(StandardCharsets.UTF_8))
                .build();
        String answer;
        int status;
        try (DockerHttpClient.Response r = http.execute(post)) {
            status = r.getStatusCode();
            answer = read(r.getBody());
        } catch (OvlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": swarm init (Docker API): " + e.getMessage(), e);
        }
        if (status / 100 != 2) {
            throw failed("swarm init", status, answer);
        }
        try {
            return JSON.readTree(answer).asText(); // the new node's ID, as a JSON string
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": swarm init: the answer is not JSON: "
                    + e.getMessage(), e);
        }
    }

    /** The body of {@code POST /swarm/init}: the fields docker-java's InitializeSwarmCmd lacks are why it is written here. */
    static ObjectNode initBody(InitRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ListenAddr", LISTEN_ADDR);
        body.put("AdvertiseAddr", request.advertiseAddr());
        request.dataPathPort().ifPresent(p -> body.put("DataPathPort", p));
        if (!request.defaultAddrPool().isEmpty()) {
            ArrayNode pool = body.putArray("DefaultAddrPool");
            request.defaultAddrPool().forEach(pool::add);
        }
        ObjectNode labels = body.putObject("Spec").putObject("Labels");
        SwarmMark.labels().forEach(labels::put);
        return body;
    }

    @Override
    public void join(String advertiseAddr, List<String> remoteManagers, String token) {
        call("swarm join", () -> client.joinSwarmCmd()
                .withListenAddr(LISTEN_ADDR)
                .withAdvertiseAddr(advertiseAddr)
                .withRemoteAddrs(remoteManagers)
                .withJoinToken(token)
                .exec());
    }

    @Override
    public void leave(boolean force) {
        call("swarm leave", () -> client.leaveSwarmCmd().withForceEnabled(force).exec());
    }

    @Override
    public void demote(String nodeId) {
        String step = "demote node " + nodeId;
        // docker-java has no node inspect: the list filtered by ID (which matches prefixes) holds it.
        com.github.dockerjava.api.model.SwarmNode node = call(step + ": read it",
                () -> client.listSwarmNodesCmd().withIdFilter(List.of(nodeId)).exec()).stream()
                .filter(n -> nodeId.equals(n.getId()))
                .findFirst()
                .orElseThrow(() -> new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step
                        + ": the swarm has no such node"));
        Long version = node.getVersion() == null ? null : node.getVersion().getIndex();
        SwarmNodeSpec spec = node.getSpec();
        if (version == null || spec == null) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + ": the node's answer has no"
                    + " Version.Index or Spec");
        }
        // A fresh spec with every field of the node's (Name, Labels, Availability) and the role changed.
        SwarmNodeSpec demoted = new SwarmNodeSpec()
                .withName(spec.getName())
                .withLabels(spec.getLabels())
                .withAvailability(spec.getAvailability())
                .withRole(SwarmNodeRole.WORKER);
        // The version makes the update conditional: a spec changed meanwhile fails (HTTP 500 "update out of sequence").
        call(step, () -> client.updateSwarmNodeCmd().withSwarmNodeId(nodeId).withVersion(version)
                .withSwarmNodeSpec(demoted).exec());
    }

    @Override
    public void removeNode(String nodeId) {
        call("remove node " + nodeId, () -> client.removeSwarmNodeCmd(nodeId).exec());
    }

    @Override
    public List<SwarmNode> nodes() {
        return SwarmNode.parseList(rawList(call("list swarm nodes", () -> client.listSwarmNodesCmd().exec())));
    }

    @Override
    public List<SwarmNetwork> networks() {
        return SwarmNetwork.parseList(rawList(call("list networks", () -> client.listNetworksCmd().exec())));
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        call("create network " + spec.name(), () -> networkCreate(client.createNetworkCmd(), spec).exec());
    }

    /** {@code create} set up for {@code spec}: the same fields {@code docker network create} sends. */
    static CreateNetworkCmd networkCreate(CreateNetworkCmd create, NetworkSpec spec) {
        // Docker's driver options: the ones ovl models beside the others as given (docker network create --opt).
        Map<String, String> options = new HashMap<>(spec.options());
        if (spec.encrypted()) {
            options.put("encrypted", "");
        }
        spec.mtu().ifPresent(m -> options.put("com.docker.network.driver.mtu", Integer.toString(m)));
        Network.Ipam ipam = new Network.Ipam().withDriver("default");
        List<Network.Ipam.Config> configs = new ArrayList<>();
        for (IpamPool pool : spec.pools()) {
            Network.Ipam.Config c = new Network.Ipam.Config().withSubnet(pool.subnet().toString());
            pool.ipRange().ifPresent(r -> c.withIpRange(r.toString()));
            pool.gateway().ifPresent(g -> c.withGateway(g.toString()));
            if (!pool.auxAddresses().isEmpty()) {
                // docker-java's IPAM config has no AuxiliaryAddresses: its raw values are sent as fields too.
                Map<String, String> aux = new HashMap<>();
                pool.auxAddresses().forEach((k, v) -> aux.put(k, v.toString()));
                DockerObjectAccessor.overrideRawValue(c, "AuxiliaryAddresses", aux);
            }
            configs.add(c);
        }
        ipam.withConfig(configs);
        create.withName(spec.name())
                .withDriver("overlay")
                .withCheckDuplicate(true)
                // Standalone containers (docker run --network) can only join an attachable swarm network,
                // and that is what ovl's networks are for.
                .withAttachable(true)
                .withInternal(spec.internal())
                .withOptions(options)
                .withIpam(ipam)
                .withLabels(spec.labels());
        if (DockerNetworkCreate.ipv6(spec)) {
            create.withEnableIpv6(true);
        }
        return create;
    }

    @Override
    public boolean removeNetwork(String nameOrId) {
        try {
            client.removeNetworkCmd(nameOrId).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (RuntimeException e) {
            throw translated("remove network " + nameOrId, e);
        }
    }

    /** Runs one docker-java command; its failure names the host, the step and what the daemon said. */
    private <T> T call(String step, Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            throw translated(step, e);
        }
    }

    private void call(String step, Runnable command) {
        call(step, () -> {
            command.run();
            return null;
        });
    }

    private OvlException translated(String step, RuntimeException e) {
        if (e instanceof OvlException o) {
            return o; // the transport's own, naming the host already
        }
        if (e instanceof DockerException d) {
            return failed(step, d.getHttpStatus(), body(d));
        }
        return new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + " (Docker API): " + e.getMessage(), e);
    }

    /** docker-java's message is "Status 500: " and the daemon's answer. */
    private static String body(DockerException e) {
        String m = String.valueOf(e.getMessage());
        String prefix = "Status " + e.getHttpStatus() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private OvlException failed(String step, int status, String answer) {
        String message = answer;
        try {
            JsonNode n = JSON.readTree(answer);
            if (n != null && n.hasNonNull("message")) {
                message = n.get("message").asText();
            }
        } catch (IOException notJson) {
            // keep the raw answer
        }
        return new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + " (Docker API, HTTP " + status + "): "
                + message.strip());
    }

    private static JsonNode raw(DockerObject o) {
        return JSON.valueToTree(o.getRawValues());
    }

    private static JsonNode rawList(List<? extends DockerObject> list) {
        ArrayNode array = JSON.createArrayNode();
        list.forEach(o -> array.add(raw(o)));
        return array;
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
