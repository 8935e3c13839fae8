package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.SystemdUnit;
import io.ovl.facts.SystemdWords;
import io.ovl.render.DaemonJsonMerge;
import io.ovl.render.ContainerSpec;
import io.ovl.render.DockerdDropIn;
import io.ovl.render.KvStoreSpecs;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.KvTls;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kv-store.tls from the topology file to dockerd's flags: the drop-in (quoted for systemd) and daemon.json. */
class ClusterLayoutTlsTest {
    private static final Topology TLS = new TopologyLoader(Path.of("/home/me")).parse("t.yaml", """
            mode: kv
            kv-store:
              backend: etcd
              url: etcd://198.18.0.5:2379/ovlnet
              tls:
                ca: /etc/docker/kv-tls/ca.pem
                cert: /etc/docker/kv-tls/client.pem
                key: "/etc/docker/kv tls/100%$key.pem"
            hosts:
              - {name: node1, address: 198.18.0.11}
            """, Path.of("/etc/ovl")).orThrow();

    private static final List<String> OPTS = List.of("--cluster-store-opt=kv.cacertfile=/etc/docker/kv-tls/ca.pem",
            "--cluster-store-opt=kv.certfile=/etc/docker/kv-tls/client.pem",
            "--cluster-store-opt=kv.keyfile=/etc/docker/kv tls/100%$key.pem");

    @Test
    void theDropInGivesDockerdTheThreeStoreOptsAndKeepsTheBackendsScheme() {
        ClusterLayout layout = ClusterLayout.of(TLS);
        assertEquals("etcd://198.18.0.5:2379/ovlnet", layout.storeUrl());

        String dropIn = DockerdDropIn.render(SystemdUnit.parseCat(Captured.facts("systemctl-cat-docker-debian12.txt")),
                layout.settingsFor(TLS.host("node1").orElseThrow())).content();
        String execStart = dropIn.lines().filter(l -> l.startsWith("ExecStart=/")).findFirst().orElseThrow();
        // Read back as systemd splits it: exactly the arguments meant, the odd path included.
        List<String> args = SystemdWords.split(execStart.substring("ExecStart=".length()));
        assertEquals(OPTS, args.subList(args.size() - 3, args.size()), execStart);
        assertTrue(args.contains("--cluster-store=etcd://198.18.0.5:2379/ovlnet"), args.toString());
        assertTrue(execStart.contains("\"--cluster-store-opt=kv.keyfile=/etc/docker/kv tls/100%%$$key.pem\""), execStart);
    }

    @Test
    void daemonJsonGetsTheClusterStoreOptsMap() throws Exception {
        ClusterLayout layout = ClusterLayout.of(TLS);
        JsonNode json = new ObjectMapper().readTree(DaemonJsonMerge.merge("{\"debug\": true}\n",
                layout.settingsFor(TLS.host("node1").orElseThrow())).text());
        assertEquals("/etc/docker/kv-tls/ca.pem", json.at("/cluster-store-opts/kv.cacertfile").asText());
        assertEquals("/etc/docker/kv-tls/client.pem", json.at("/cluster-store-opts/kv.certfile").asText());
        assertEquals("/etc/docker/kv tls/100%$key.pem", json.at("/cluster-store-opts/kv.keyfile").asText());
        assertTrue(json.get("debug").asBoolean());
    }

    @Test
    void withoutTlsThereAreNoStoreOpts() {
        Topology plain = Captured.labTopology();
        List<String> flags = ClusterLayout.of(plain).settingsFor(plain.hosts().get(1)).dockerdFlags();
        assertTrue(flags.stream().noneMatch(f -> f.startsWith("--cluster-store-opt")), flags.toString());
    }

    @Test
    void ovlsOwnEtcdSpeaksTlsWithTheSameFilesBindMountedReadOnly() {
        Topology lab = Captured.labTopology();
        KvTls tls = new KvTls("/etc/docker/kv-tls/ca.pem", "/etc/docker/kv-tls/node.pem", "/etc/docker/kv-tls/node-key.pem");
        Topology t = new Topology(lab.version(), lab.mode(), lab.ssh(), Optional.of(lab.kvStore().orElseThrow().withTls(tls)),
                lab.swarm(), lab.hosts(), lab.networks());
        ClusterLayout layout = ClusterLayout.of(t);
        ContainerSpec spec = KvStoreSpecs.render(layout.cluster().orElseThrow(), Captured.H1);

        assertTrue(spec.cmd().containsAll(List.of("--listen-client-urls=https://198.19.144.11:2379",
                "--advertise-client-urls=https://198.19.144.11:2379", "--initial-cluster=init-h1=https://198.19.144.11:2380",
                "--trusted-ca-file=/etc/docker/kv-tls/ca.pem", "--cert-file=/etc/docker/kv-tls/node.pem",
                "--key-file=/etc/docker/kv-tls/node-key.pem", "--client-cert-auth", "--peer-client-cert-auth")),
                spec.cmd().toString());
        assertTrue(spec.cmd().stream().noneMatch(a -> a.contains("http://")), spec.cmd().toString());
        assertEquals(List.of(new ContainerSpec.VolumeMount("ovl-kv-etcd-data", "/etcd-data"),
                new ContainerSpec.VolumeMount(tls.ca(), tls.ca()), new ContainerSpec.VolumeMount(tls.cert(), tls.cert()),
                new ContainerSpec.VolumeMount(tls.key(), tls.key())), spec.volumes());
        assertEquals(List.of(false, true, true, true), spec.volumes().stream().map(ContainerSpec.VolumeMount::hostPath).toList());
        // dockerd on the overlay hosts gets the same files as its client side.
        assertTrue(layout.settingsFor(t.hosts().get(1)).dockerdFlags()
                .contains("--cluster-store-opt=kv.certfile=/etc/docker/kv-tls/node.pem"));
    }

    @Test
    void withoutTlsOvlsEtcdStaysPlainHttp() {
        ClusterLayout layout = ClusterLayout.of(Captured.labTopology());
        ContainerSpec spec = KvStoreSpecs.render(layout.cluster().orElseThrow(), Captured.H1);
        assertTrue(spec.cmd().contains("--listen-client-urls=http://198.19.144.11:2379"), spec.cmd().toString());
        assertTrue(spec.cmd().stream().noneMatch(a -> a.contains("cert")), spec.cmd().toString());
    }

    @Test
    void aTlsStoreOfAnotherBackendIsRefusedEvenIfValidationWasBypassed() {
        Topology lab = Captured.labTopology();
        KvStore etcd = lab.kvStore().orElseThrow();
        KvStore consul = new KvStore(KvBackend.CONSUL, etcd.hosts(), etcd.image(), 8500, Optional.empty(),
                Optional.of(new KvTls("/a.pem", "/b.pem", "/c.pem")));
        Topology t = new Topology(lab.version(), lab.mode(), lab.ssh(), Optional.of(consul), lab.swarm(), lab.hosts(),
                lab.networks());
        OvlException e = assertThrows(OvlException.class, () -> ClusterLayout.of(t));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("ovl starts a TLS store for backend etcd only"), e.getMessage());
    }
}
