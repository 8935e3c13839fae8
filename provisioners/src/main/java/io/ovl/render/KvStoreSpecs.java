package io.ovl.render;

import io.ovl.topology.KvBackend;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the run spec of one KV store member from templates/kv/BACKEND.yaml. The text is what a
 * dry run shows; {@link #render} turns it into the {@link ContainerSpec} init creates.
 */
public final class KvStoreSpecs {
    static final int ETCD_PEER_PORT = 2380;
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private KvStoreSpecs() {
    }

    /** The rendered YAML run spec of member {@code nodeName}. */
    public static String renderText(KvCluster cluster, String nodeName) {
        KvNode self = cluster.node(nodeName);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image", cluster.image());
        values.put("node-name", self.name());
        values.put("address", self.address());
        values.put("client-port", Integer.toString(cluster.clientPort()));
        List<KvNode> nodes = cluster.nodes();
        switch (cluster.backend()) {
            case ETCD -> {
                String scheme = cluster.tls().isPresent() ? "https" : "http";
                values.put("peer-port", Integer.toString(ETCD_PEER_PORT));
                values.put("initial-cluster", nodes.stream()
                        .map(n -> n.name() + "=" + scheme + "://" + n.address() + ":" + ETCD_PEER_PORT)
                        .collect(Collectors.joining(",")));
                cluster.tls().ifPresent(t -> {
                    values.put("ca", t.caCertFile());
                    values.put("cert", t.certFile());
                    values.put("key", t.keyFile());
                });
            }
            case CONSUL -> {
                values.put("cluster-size", Integer.toString(nodes.size()));
                values.put("peer-address", nodes.stream().filter(n -> n != self).map(KvNode::address).toList());
            }
            case ZOOKEEPER -> {
                values.put("my-id", Integer.toString(nodes.indexOf(self) + 1));
                StringBuilder servers = new StringBuilder();
                for (int i = 0; i < nodes.size(); i++) {
                    String a = nodes.get(i).address();
                    servers.append(i == 0 ? "" : " ").append("server.").append(i + 1).append('=').append(a)
                            .append(":2888:3888;").append(a).append(':').append(cluster.clientPort());
                }
                values.put("servers", servers.toString());
            }
        }
        return Template.load(templateOf(cluster)).render(values, KvStoreSpecs::yamlDoubleQuoted);
    }

    /** The container spec of member {@code nodeName}. */
    public static ContainerSpec render(KvCluster cluster, String nodeName) {
        String text = renderText(cluster, nodeName);
        try {
            return YAML.readValue(text, ContainerSpec.class);
        } catch (IOException e) {
            throw new TemplateException("templates/" + templateOf(cluster)
                    + " does not render to a valid run spec: " + e.getMessage());
        }
    }

    /** Escapes for the inside of a YAML double-quoted scalar, which accepts JSON's escapes. */
    private static String yamlDoubleQuoted(String value) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    /** The run-spec template of a backend under templates/: kv/consul.yaml, kv/etcd.yaml, kv/zookeeper.yaml. */
    static String templateOf(KvBackend backend) {
        return "kv/" + backend.key() + ".yaml";
    }

    /** kv/etcd-tls.yaml for an etcd store with TLS, else the backend's template. */
    static String templateOf(KvCluster cluster) {
        return cluster.tls().isPresent() ? "kv/" + cluster.backend().key() + "-tls.yaml" : templateOf(cluster.backend());
    }
}
