package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ovl.core.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kv-store.tls from YAML: the model, and every problem at its file:line:column with what would be right. */
class KvTlsLoadTest {
    static LoadResult load(String yaml) {
        return new TopologyLoader(Path.of("/home/me")).parse("topology.yaml", yaml, Path.of("/etc/ovl"));
    }

    static List<String> lines(LoadResult r) {
        return r.problems().stream().map(Finding::format).toList();
    }

    private static final String HOSTS = """
            hosts:
              - {name: node1, address: 198.18.0.11}
            """;

    @Test
    void threeAbsolutePathsWithAnExistingStoreMakeTheModel() {
        LoadResult r = load("""
                mode: kv
                kv-store:
                  backend: etcd
                  url: etcd://198.18.0.5:2379
                  tls:
                    ca: /etc/docker/kv-tls/ca.pem
                    cert: /etc/docker/kv-tls/cert.pem
                    key: "/etc/docker/kv tls/key.pem"
                """ + HOSTS);
        assertEquals(List.of(), lines(r));
        assertEquals(Optional.of(new KvTls("/etc/docker/kv-tls/ca.pem", "/etc/docker/kv-tls/cert.pem",
                "/etc/docker/kv tls/key.pem")), r.topology().orElseThrow().kvStore().orElseThrow().tls());
    }

    @Test
    void withoutTlsThereIsNone() {
        LoadResult r = load("mode: kv\nkv-store:\n  backend: etcd\n  url: etcd://198.18.0.5:2379\n" + HOSTS);
        assertEquals(Optional.empty(), r.topology().orElseThrow().kvStore().orElseThrow().tls());
    }

    @Test
    void aMissingFileAndARelativePathAreReportedAtTheirLines() {
        LoadResult r = load("""
                mode: kv
                kv-store:
                  backend: etcd
                  url: etcd://198.18.0.5:2379
                  tls:
                    ca: kv-tls/ca.pem
                    cert: /etc/docker/kv-tls/cert.pem
                    crt: /x
                """ + HOSTS);
        assertEquals(List.of(
                "topology.yaml:6:5: kv-store.tls: tls needs all three of ca, cert and key; missing: key; add key (paths"
                        + " on the Docker hosts), or remove tls: to reach the store without TLS",
                "topology.yaml:6:9: kv-store.tls.ca: 'kv-tls/ca.pem' is not an absolute path; give the file's absolute"
                        + " path on the Docker hosts, e.g. /etc/docker/kv-tls/ca.pem",
                "topology.yaml:8:5: kv-store.tls.crt: unknown key; did you mean 'cert'?"),
                lines(r));
        assertFalse(r.valid());
    }

    @Test
    void ovlStartsATlsStoreForEtcdOnly() {
        LoadResult etcd = load("""
                mode: kv
                kv-store:
                  backend: etcd
                  hosts: [node1]
                  tls: {ca: /etc/a.pem, cert: /etc/b.pem, key: /etc/c.pem}
                """ + HOSTS);
        assertEquals(List.of(), lines(etcd));
        assertEquals(Optional.of(new KvTls("/etc/a.pem", "/etc/b.pem", "/etc/c.pem")),
                etcd.topology().orElseThrow().kvStore().orElseThrow().tls());

        LoadResult consul = load("""
                mode: kv
                kv-store:
                  hosts: [node1]
                  tls: {ca: /etc/a.pem, cert: /etc/b.pem, key: /etc/c.pem}
                """ + HOSTS);
        assertEquals(List.of("topology.yaml:4:3: kv-store.tls: ovl starts a TLS store for backend etcd only, not consul;"
                + " use backend etcd, or start the consul store with TLS yourself and give its url instead of hosts"),
                lines(consul));
    }

    @Test
    void zookeeperHasNoTlsInDockerd() {
        LoadResult r = load("""
                mode: kv
                kv-store:
                  backend: zookeeper
                  url: zk://198.18.0.5:2181
                  tls: {ca: /etc/a.pem, cert: /etc/b.pem, key: /etc/c.pem}
                """ + HOSTS);
        assertEquals(1, lines(r).size(), lines(r).toString());
        assertEquals(true, lines(r).get(0).contains("kv-store.tls: dockerd's ZooKeeper client has no TLS"), lines(r).get(0));
    }
}
