package io.ovl.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.topology.NetworkSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@link SwarmApi} as plain Engine API requests. docker-java's command objects cover swarm init
 * without DataPathPort, DefaultAddrPool or spec labels, which ovl needs; the transport underneath
 * them ({@link io.ovl.docker.ChannelDockerHttpClient}) takes any request, so the bodies are written here.
 * Paths are unversioned: each engine answers at its own API version (20.10 and 26 alike).
 */
public final class HttpSwarmApi implements SwarmApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LISTEN_ADDR = "0.0.0.0:2377";

    private final DockerHttpClient http;
    private final String host;

    public HttpSwarmApi(DockerHttpClient http, String host) {
        this.http = http;
        this.host = host;
    }

    @Override
    public NodeInfo info() {
        return NodeInfo.parse(call("read docker info", DockerHttpClient.Request.Method.GET, "/info", null));
    }

    @Override
    public JoinTokens joinTokens() {
        JsonNode swarm = tree(call("read the join tokens", DockerHttpClient.Request.Method.GET, "/swarm", null));
        JsonNode tokens = swarm.path("JoinTokens");
        return new JoinTokens(tokens.path("Worker").asText(), tokens.path("Manager").asText());
    }

    @Override
    public String init(InitRequest request) {
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
        return tree(call("swarm init", DockerHttpClient.Request.Method.POST, "/swarm/init", body)).asText();
    }

    @Override
    public void join(String advertiseAddr, List<String> remoteManagers, String token) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ListenAddr", LISTEN_ADDR);
        body.put("AdvertiseAddr", advertiseAddr);
        ArrayNode remotes = body.putArray("RemoteAddrs");
        remoteManagers.forEach(remotes::add);
        body.put("JoinToken", token);
        call("swarm join", DockerHttpClient.Request.Method.POST, "/swarm/join", body);
    }

    @Override
    public void leave(boolean force) {
        call("swarm leave", DockerHttpClient.Request.Method.POST, "/swarm/leave?force=" + force, null);
    }

    @Override
    public void demote(String nodeId) {
        String path = "/nodes/" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8);
        String step = "demote node " + nodeId;
        JsonNode node = tree(call(step + ": read it", DockerHttpClient.Request.Method.GET, path, null));
        long version = node.path("Version").path("Index").asLong(-1);
        if (version < 0 || !node.path("Spec").isObject()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + ": the node's answer has no"
                    + " Version.Index or Spec");
        }
        ObjectNode spec = ((ObjectNode) node.get("Spec")).deepCopy();
        spec.put("Role", "worker");
        // The version makes the update conditional: a spec changed meanwhile fails (HTTP 500 "update out of sequence").
        call(step, DockerHttpClient.Request.Method.POST, path + "/update?version=" + version, spec);
    }

    @Override
    public List<SwarmNode> nodes() {
        return SwarmNode.parseList(call("list swarm nodes", DockerHttpClient.Request.Method.GET, "/nodes", null));
    }

    @Override
    public List<SwarmNetwork> networks() {
        return SwarmNetwork.parseList(call("list networks", DockerHttpClient.Request.Method.GET, "/networks", null));
    }

    @Override
    public void createNetwork(NetworkSpec spec) {
        call("create network " + spec.name(), DockerHttpClient.Request.Method.POST, "/networks/create",
                networkCreateBody(spec));
    }

    /** The body of {@code POST /networks/create} for {@code spec}; the same keys {@code docker network create} sends. */
    static ObjectNode networkCreateBody(NetworkSpec spec) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Name", spec.name());
        body.put("Driver", "overlay");
        body.put("CheckDuplicate", true);
        // Standalone containers (docker run --network) can only join an attachable swarm network,
        // and that is what ovl's networks are for.
        body.put("Attachable", true);
        body.put("Internal", spec.internal());
        ObjectNode options = body.putObject("Options");
        if (spec.encrypted()) {
            options.put("encrypted", "");
        }
        spec.mtu().ifPresent(m -> options.put("com.docker.network.driver.mtu", Integer.toString(m)));
        ObjectNode ipam = body.putObject("IPAM");
        ipam.put("Driver", "default");
        ArrayNode config = ipam.putArray("Config");
        spec.subnet().ifPresent(subnet -> {
            ObjectNode c = config.addObject();
            c.put("Subnet", subnet.toString());
            spec.ipRange().ifPresent(r -> c.put("IPRange", r.toString()));
            spec.gateway().ifPresent(g -> c.put("Gateway", g.toString()));
            if (!spec.auxAddresses().isEmpty()) {
                ObjectNode aux = c.putObject("AuxiliaryAddresses");
                spec.auxAddresses().forEach((k, v) -> aux.put(k, v.toString()));
            }
        });
        if (spec.subnet().map(s -> s.toString().contains(":")).orElse(false)) {
            body.put("EnableIPv6", true);
        }
        ObjectNode labels = body.putObject("Labels");
        spec.labels().forEach(labels::put);
        return body;
    }

    @Override
    public boolean removeNetwork(String nameOrId) {
        String path = "/networks/" + URLEncoder.encode(nameOrId, StandardCharsets.UTF_8);
        try (DockerHttpClient.Response r = http.execute(request(DockerHttpClient.Request.Method.DELETE, path, null))) {
            String text = read(r.getBody());
            if (r.getStatusCode() == 404) {
                return false;
            }
            if (r.getStatusCode() / 100 != 2) {
                throw failed("remove network " + nameOrId, r.getStatusCode(), text);
            }
            return true;
        }
    }

    private String call(String step, DockerHttpClient.Request.Method method, String path, ObjectNode body) {
        try (DockerHttpClient.Response r = http.execute(request(method, path, body))) {
            String text = read(r.getBody());
            if (r.getStatusCode() / 100 != 2) {
                throw failed(step, r.getStatusCode(), text);
            }
            return text;
        } catch (OvlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": " + step + " (Docker API): " + e.getMessage(), e);
        }
    }

    private static DockerHttpClient.Request request(DockerHttpClient.Request.Method method, String path, ObjectNode body) {
        DockerHttpClient.Request.Builder b = DockerHttpClient.Request.builder().method(method).path(path);
        if (body != null) {
            b.headers(Map.of("Content-Type", "application/json"));
            b.bodyBytes(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
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

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "Docker API answer is not JSON: " + e.getMessage(), e);
        }
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
