package io.ovl.render;

import io.ovl.topology.KvBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.Protocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvStoreSpecsTest {
    private static final List<KvNode> THREE = List.of(new KvNode("kv1", "198.18.0.10"),
            new KvNode("kv2", "198.18.0.11"), new KvNode("kv3", "198.18.0.12"));
    private static final List<KvNode> ONE = List.of(new KvNode("kv1", "198.18.0.10"));

    @Test
    void etcdThreeMembers() {
        KvCluster c = new KvCluster(KvBackend.ETCD, THREE, 2379, "quay.io/coreos/etcd:v3.4.33");
        Golden.assertMatches("kv-etcd-3-kv2.yaml", KvStoreSpecs.renderText(c, "kv2"));
        ContainerSpec s = KvStoreSpecs.render(c, "kv2");
        assertEquals("ovl-kv-etcd", s.name());
        assertEquals("always", s.restartPolicy());
        assertEquals("host", s.networkMode());
        assertTrue(s.cmd().contains("--enable-v2=true"));
        assertTrue(s.cmd().contains("--listen-client-urls=http://198.18.0.11:2379"));
        assertEquals(List.of(new ContainerSpec.Listen("198.18.0.11", 2379, Protocol.TCP),
                new ContainerSpec.Listen("198.18.0.11", 2380, Protocol.TCP)), s.listens());
        assertEquals(List.of(new ContainerSpec.VolumeMount("ovl-kv-etcd-data", "/etcd-data")), s.volumes());
        assertEquals("kv2", s.labels().get("io.ovl.kv.node"));
        assertEquals(List.of("198.18.0.10:2379", "198.18.0.11:2379", "198.18.0.12:2379"), c.endpoints());
    }

    @Test
    void etcdSingleMemberOnTheLabImage() {
        KvCluster c = new KvCluster(KvBackend.ETCD, ONE, 2379, "local/etcd:3.4");
        Golden.assertMatches("kv-etcd-1.yaml", KvStoreSpecs.renderText(c, "kv1"));
    }

    @Test
    void consulThreeServersJoinTheOtherTwo() {
        KvCluster c = new KvCluster(KvBackend.CONSUL, THREE, 8500, "hashicorp/consul:1.15");
        Golden.assertMatches("kv-consul-3-kv1.yaml", KvStoreSpecs.renderText(c, "kv1"));
        ContainerSpec s = KvStoreSpecs.render(c, "kv1");
        assertEquals(List.of("-retry-join=198.18.0.11", "-retry-join=198.18.0.12"),
                s.cmd().stream().filter(a -> a.startsWith("-retry-join")).toList());
        assertTrue(s.listens().contains(new ContainerSpec.Listen("198.18.0.10", 8301, Protocol.UDP)));
    }

    @Test
    void consulSingleServerHasNoRetryJoinAndItsOwnPort() {
        ContainerSpec s = KvStoreSpecs.render(new KvCluster(KvBackend.CONSUL, ONE, 18500, "hashicorp/consul:1.15"), "kv1");
        assertTrue(s.cmd().contains("-bootstrap-expect=1"));
        assertTrue(s.cmd().contains("-http-port=18500"));
        assertTrue(s.cmd().stream().noneMatch(a -> a.startsWith("-retry-join")));
        assertEquals(new ContainerSpec.Listen("198.18.0.10", 18500, Protocol.TCP), s.listens().get(0));
    }

    @Test
    void zookeeperThreeServers() {
        KvCluster c = new KvCluster(KvBackend.ZOOKEEPER, THREE, 2181, "zookeeper:3.8");
        Golden.assertMatches("kv-zookeeper-3-kv3.yaml", KvStoreSpecs.renderText(c, "kv3"));
        ContainerSpec s = KvStoreSpecs.render(c, "kv3");
        // the official image's CMD, which Docker records as the container's command: StoreContainerTest
        assertEquals(List.of("zkServer.sh", "start-foreground"), s.cmd());
        assertEquals("3", s.env().get("ZOO_MY_ID"));
        assertEquals(List.of("ZOO_MY_ID", "ZOO_SERVERS", "ZOO_ADMINSERVER_ENABLED", "ZOO_4LW_COMMANDS_WHITELIST"),
                List.copyOf(s.env().keySet()));
    }

    @Test
    void fiveNodesAndEveryMemberGetsItsOwnId() {
        List<KvNode> five = List.of(new KvNode("a", "10.0.0.1"), new KvNode("b", "10.0.0.2"), new KvNode("c", "10.0.0.3"),
                new KvNode("d", "10.0.0.4"), new KvNode("e", "10.0.0.5"));
        KvCluster c = new KvCluster(KvBackend.ZOOKEEPER, five, 2181, "zookeeper:3.8");
        assertEquals(List.of("1", "2", "3", "4", "5"),
                five.stream().map(n -> KvStoreSpecs.render(c, n.name()).env().get("ZOO_MY_ID")).toList());
        assertTrue(KvStoreSpecs.render(c, "e").env().get("ZOO_SERVERS")
                .endsWith("server.5=10.0.0.5:2888:3888;10.0.0.5:2181"));
    }

    @Test
    void imageValuesAreEscapedForYamlNotInjected() {
        // a hostile image string stays one value: it cannot add keys to the spec
        ContainerSpec s = KvStoreSpecs.render(new KvCluster(KvBackend.ETCD, ONE, 2379, "x\"\nrestart-policy: \"no"), "kv1");
        assertEquals("x\"\nrestart-policy: \"no", s.image());
        assertEquals("always", s.restartPolicy());
    }

    @Test
    void clusterShapeIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new KvCluster(KvBackend.ETCD, THREE.subList(0, 2), 2379, "i"));
        assertThrows(IllegalArgumentException.class, () -> new KvNode("kv1", "0.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> new KvNode("kv1", "10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> new KvNode("kv 1", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new KvCluster(KvBackend.ETCD,
                List.of(new KvNode("a", "10.0.0.1"), new KvNode("a", "10.0.0.2"), new KvNode("c", "10.0.0.3")), 2379, "i"));
        assertThrows(IllegalArgumentException.class,
                () -> KvStoreSpecs.render(new KvCluster(KvBackend.ETCD, ONE, 2379, "i"), "kv9"));
    }

    @Test
    void everyBackendTemplateMatchesItsRenderer() {
        for (KvBackend b : KvBackend.values()) {
            ContainerSpec s = KvStoreSpecs.render(new KvCluster(b, THREE, b.defaultPort(), "img"), "kv2");
            assertEquals(Map.of("io.ovl.role", "kv-store", "io.ovl.kv.backend", b.key(), "io.ovl.kv.node", "kv2"),
                    s.labels());
            assertTrue(s.listens().stream().allMatch(l -> l.ip().equals("198.18.0.11")), b + " binds a wildcard");
        }
    }
}
