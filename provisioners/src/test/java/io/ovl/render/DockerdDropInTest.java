package io.ovl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.SystemdUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerdDropInTest {
    private static final ClusterSettings ETCD = new ClusterSettings(KvBackend.ETCD,
            List.of("198.18.0.10:2379"), "network", "eth0", 2376, Optional.empty());
    private static final ClusterSettings CONSUL_TLS = new ClusterSettings(KvBackend.CONSUL,
            List.of("198.18.0.10:8500", "198.18.0.11:8500", "198.18.0.12:8500"), "network", "198.18.0.21", 0,
            Optional.of(new StoreTls("/etc/ovl/kv/ca.pem", "/etc/ovl/kv/cert.pem", "/etc/ovl/kv/key.pem")));

    private static SystemdUnit unit(String facts) {
        return SystemdUnit.parseCat(Golden.required("/io/ovl/facts/" + facts));
    }

    @Test
    void debian12StockUnit() {
        RenderedFile f = DockerdDropIn.render(unit("systemctl-cat-docker-debian12.txt"), ETCD);
        assertEquals("/etc/systemd/system/docker.service.d/10-ovl-cluster.conf", f.path());
        Golden.assertMatches("dockerd-cluster-debian12.conf", f.content());
    }

    @Test
    void debian13UnitWithTlsAndThreeConsulServers() {
        Golden.assertMatches("dockerd-cluster-debian13-consul-tls.conf",
                DockerdDropIn.render(unit("systemctl-cat-docker-debian13.txt"), CONSUL_TLS).content());
    }

    /** An admin's override with quotes and a continuation: its text is kept, ovl's flags appended. */
    @Test
    void adminOverrideIsTheBaseAndAnOldOvlDropInIsIgnored() {
        Golden.assertMatches("dockerd-cluster-override.conf",
                DockerdDropIn.render(unit("systemctl-cat-docker-assembled-dropins.txt"), ETCD).content());
    }

    /** Re-running on a host that has ovl's drop-in (real capture) gives the same file: no change, no restart. */
    @Test
    void idempotentOnAHostThatAlreadyHasOvlsDropIn() {
        ClusterSettings lab = new ClusterSettings(KvBackend.ETCD, List.of("198.18.252.250:2379"), "network", "eth0",
                2376, Optional.empty());
        assertEquals(DockerdDropIn.render(unit("systemctl-cat-docker-debian12.txt"), lab),
                DockerdDropIn.render(unit("systemctl-cat-docker-debian12-ovl-dropin.txt"), lab));
        // and what was rendered is byte for byte the drop-in systemctl showed on the lab host
        String installed = Golden.required("/io/ovl/facts/systemctl-cat-docker-debian12-ovl-dropin.txt");
        String rendered = DockerdDropIn.render(unit("systemctl-cat-docker-debian12.txt"), lab).content();
        assertTrue(installed.endsWith(rendered), "lab capture does not end with the rendering");
    }

    @Test
    void renderedExecStartParsesBackToTheHostsArgumentsPlusOvlsFlags() {
        SystemdUnit base = unit("systemctl-cat-docker-debian12.txt");
        RenderedFile f = DockerdDropIn.render(base, CONSUL_TLS);
        SystemdUnit after = SystemdUnit.parseCat(Golden.required("/io/ovl/facts/systemctl-cat-docker-debian12.txt")
                + "\n# " + f.path() + "\n" + f.content());
        assertEquals(DockerdDropIn.resultingArguments(base, CONSUL_TLS), after.effectiveExecStart().arguments());
        assertEquals(List.of("-H", "fd://", "--containerd=/run/containerd/containerd.sock", "$DOCKER_OPTS",
                "--cluster-store=consul://198.18.0.10:8500,198.18.0.11:8500,198.18.0.12:8500/network",
                "--cluster-advertise=198.18.0.21:0",
                "--cluster-store-opt=kv.cacertfile=/etc/ovl/kv/ca.pem",
                "--cluster-store-opt=kv.certfile=/etc/ovl/kv/cert.pem",
                "--cluster-store-opt=kv.keyfile=/etc/ovl/kv/key.pem"), after.effectiveExecStart().arguments());
        // the doctor check composes: daemon.json "hosts" clashes with the host's own -H
        assertEquals("hosts", DaemonJson.conflicts("{\"hosts\":[]}", DockerdDropIn.resultingArguments(base, ETCD))
                .get(0).key());
    }

    @Test
    void aHostExecStartThatAlreadySetsAClusterFlagIsRefused() {
        SystemdUnit manual = SystemdUnit.parseCat("# /etc/systemd/system/docker.service.d/manual.conf\n[Service]\n"
                + "ExecStart=/usr/bin/dockerd -H fd:// --cluster-store consul://10.0.0.1:8500\n");
        OvlException e = assertThrows(OvlException.class, () -> DockerdDropIn.render(manual, ETCD));
        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("/etc/systemd/system/docker.service.d/manual.conf")
                && e.getMessage().contains("--cluster-store"), e.getMessage());
    }

    @Test
    void settingsAreValidatedBeforeTheyReachAUnitFile() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings(KvBackend.ETCD,
                List.of("198.18.0.10:2379 --tlsverify"), "network", "eth0", 2376, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings(KvBackend.ETCD,
                List.of("198.18.0.10:2379"), "/network", "eth0", 2376, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings(KvBackend.ETCD,
                List.of("198.18.0.10:2379"), "network", "eth0 x", 2376, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new StoreTls("ca.pem", "/c", "/k"));
        // an interface with a port is not an interface: the port has its own field
        assertThrows(IllegalArgumentException.class, () -> new ClusterSettings(KvBackend.ETCD,
                List.of("198.18.0.10:2379"), "network", "eth0:2376", 2376, Optional.empty()));
        assertEquals("[2001:db8::5]:2376", new ClusterSettings(KvBackend.ETCD,
                List.of("198.18.0.10:2379"), "network", "2001:db8::5", 2376, Optional.empty()).advertiseValue());
        assertEquals("zk://[2001:db8::1]:2181/network", new ClusterSettings(KvBackend.ZOOKEEPER,
                List.of("[2001:db8::1]:2181"), "network", "eth0", 2376, Optional.empty()).storeUrl());
    }
}
