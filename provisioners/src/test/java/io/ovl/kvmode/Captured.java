package io.ovl.kvmode;

import io.ovl.kv.StoreAnswer;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.Fact;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.SystemdUnit;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.addressing.Prefix;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Host states built from outputs captured on real lab hosts (test resources under io/ovl/facts and
 * io/ovl/kvmode, see the README there), and the lab's topology: store on init-h1 (overlay:
 * false), Docker hosts init-h2 and init-h3, network labnet.
 */
final class Captured {
    static final String H1 = "init-h1";
    static final String H2 = "init-h2";
    static final String H3 = "init-h3";
    static final String STORE_URL = "etcd://198.19.144.11:2379/network";

    private Captured() {
    }

    static String text(String classpathPath) {
        try (InputStream in = Captured.class.getResourceAsStream(classpathPath)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + classpathPath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String own(String name) {
        return text("/io/ovl/kvmode/" + name);
    }

    static String facts(String name) {
        return text("/io/ovl/facts/" + name);
    }

    /** The topology lab/up writes for a lab named "init" (addresses of that lab). */
    static Topology labTopology() {
        Host h1 = new Host(H1, "198.19.144.11", false, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS);
        Host h2 = Host.of(H2, "198.19.144.12");
        Host h3 = Host.of(H3, "198.19.144.13");
        KvStore store = new KvStore(KvBackend.ETCD, List.of(H1), "local/etcd:3.4", 2379, Optional.empty());
        return new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(store), Optional.empty(), List.of(h1, h2, h3),
                List.of(NetworkSpec.of("labnet", Prefix.parse("172.16.16.0/24"))));
    }

    /** A Docker 20.10 host (Debian 12) before init: no drop-in, no cluster store, nothing running. */
    static HostState fresh(String host) {
        return new HostState(host,
                Fact.known(DockerInfo.parse(facts("docker-info-20.10.json"))),
                Fact.known(SystemdUnit.parseCat(facts("systemctl-cat-docker-debian12.txt"))),
                Fact.known(Optional.empty()),
                Fact.known(Optional.empty()),
                Fact.known(0),
                Fact.known(Optional.empty()),
                Fact.known(DockerNetwork.parseInspect(own("network-inspect-init-h1-no-overlay.json"))),
                List.of(new StoreAnswer("198.19.144.11:2379", false, "cannot connect: connection refused")));
    }

    /** init-h2 or init-h3 after a real `ovl init` on the lab: drop-in in place, dockerd joined, labnet seen. */
    static HostState joined(String host) {
        String dropIn = own("dropin-init-h2.conf");
        if (host.equals(H3)) {
            dropIn = dropIn.replace("198.19.144.12:2376", "198.19.144.13:2376");
        }
        return new HostState(host,
                Fact.known(DockerInfo.parse(own("docker-info-" + host + "-joined.json"))),
                Fact.known(SystemdUnit.parseCat(own("systemctl-cat-docker-init-h2-with-dropin.txt"))),
                Fact.known(Optional.empty()),
                Fact.known(Optional.of(dropIn)),
                Fact.known(1),
                Fact.known(Optional.empty()),
                Fact.known(DockerNetwork.parseInspect(own("network-inspect-init-h2-joined.json"))),
                List.of(new StoreAnswer("198.19.144.11:2379", true, "etcd /health: {\"health\":\"true\"}")));
    }

    /** The store host before init: Docker up, no store container. */
    static HostState storeHostFresh() {
        return fresh(H1);
    }

    /** The store host after init: the container as captured with docker container inspect. */
    static HostState storeHostRunning() {
        HostState s = fresh(H1);
        return new HostState(H1, s.dockerInfo(), s.dockerUnit(), s.daemonJson(), s.dropIn(), Fact.known(1),
                Fact.known(Optional.of(StoreContainer.parseInspect(own("container-inspect-ovl-kv-etcd-20.10.json")))),
                s.networks(), List.of());
    }

    static HostState with(HostState s, Fact<DockerInfo> info) {
        return new HostState(s.host(), info, s.dockerUnit(), s.daemonJson(), s.dropIn(), s.runningContainers(),
                s.storeContainer(), s.networks(), s.storeAnswers());
    }

    static HostState withDaemonJson(HostState s, String json) {
        return new HostState(s.host(), s.dockerInfo(), s.dockerUnit(), Fact.known(Optional.of(json)), s.dropIn(),
                s.runningContainers(), s.storeContainer(), s.networks(), s.storeAnswers());
    }

    static HostState withRunning(HostState s, int running) {
        return new HostState(s.host(), s.dockerInfo(), s.dockerUnit(), s.daemonJson(), s.dropIn(), Fact.known(running),
                s.storeContainer(), s.networks(), s.storeAnswers());
    }
}
