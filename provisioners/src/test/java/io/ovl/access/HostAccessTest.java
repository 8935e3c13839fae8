package io.ovl.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.ssh.SshTarget;
import io.ovl.topology.Become;
import io.ovl.topology.Host;
import io.ovl.topology.HostKeyPolicy;
import io.ovl.topology.LoadResult;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Topology hosts become SSH targets with their effective settings. */
class HostAccessTest {

    @Test
    void everySettingOfTheHostReachesTheTarget() {
        SshSettings s = new SshSettings(Optional.of("ovl"), Optional.of(2222), List.of(Path.of("keys/id_ed25519")), Optional.of(Path.of("known_hosts")),
                HostKeyPolicy.ACCEPT_NEW, Become.SUDO, Optional.of("bastion:22"), Duration.ofSeconds(3), Duration.ofSeconds(30));
        Host host = new Host("web1", "198.18.0.21", true, Optional.empty(), Optional.empty(), s);
        SshTarget t = new HostAccess(Path.of("/etc/ovl")).target(host);
        assertEquals("web1", t.label());
        assertEquals("198.18.0.21", t.address());
        assertEquals(Optional.of(2222), t.port());
        assertEquals(Optional.of("ovl"), t.user());
        // Relative paths start at the topology file's directory, whatever the working directory.
        assertEquals(List.of(Path.of("/etc/ovl/keys/id_ed25519")), t.identityFiles());
        assertEquals(List.of(Path.of("/etc/ovl/known_hosts")), t.knownHostsFiles());
        assertEquals(SshTarget.HostKeyPolicy.ACCEPT_NEW, t.hostKeyPolicy());
        assertEquals(SshTarget.Become.SUDO, t.become());
        assertEquals(Optional.of("bastion:22"), t.proxyJump());
        assertEquals(Duration.ofSeconds(3), t.connectTimeout());
        assertEquals(Duration.ofSeconds(30), t.commandTimeout());
    }

    @Test
    void aLoadedTopologysKnownHostsIsRelativeToItsFileAndHostOverridesWin() {
        String yaml = """
                version: 1
                mode: swarm
                ssh:
                  user: admin
                  known-hosts: lab/known_hosts
                hosts:
                  - name: a
                    address: 198.18.0.11
                  - name: b
                    address: 198.18.0.12
                    ssh:
                      user: root
                      port: 2200
                """;
        LoadResult r = new TopologyLoader(Path.of("/home/u")).parse("t.yaml", yaml, Path.of("/srv/cluster"));
        Topology t = r.topology().orElseThrow(() -> new AssertionError(r.problems()));
        assertEquals(Mode.SWARM, t.mode());
        List<SshTarget> targets = HostAccess.forTopologyFile(Path.of("/srv/cluster/t.yaml")).targets(t);
        assertEquals(List.of("a", "b"), targets.stream().map(SshTarget::label).toList());
        assertEquals(List.of(Path.of("/srv/cluster/lab/known_hosts")), targets.get(0).knownHostsFiles());
        assertEquals(Optional.of("admin"), targets.get(0).user());
        assertEquals(Optional.empty(), targets.get(0).port(), "unset: left to ~/.ssh/config and ssh's default");
        assertEquals(Optional.of("root"), targets.get(1).user());
        assertEquals(Optional.of(2200), targets.get(1).port());
        assertEquals(List.of(Path.of("/srv/cluster/lab/known_hosts")), targets.get(1).knownHostsFiles());
    }
}
