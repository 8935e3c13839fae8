package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void sshMergeReplacesOnlyWhatTheOverrideSets() {
        SshOverrides o = new SshOverrides(Optional.of("ovl"), Optional.empty(), Optional.of(List.of(Path.of("/k"))),
                Optional.empty(), Optional.empty(), Optional.of(Become.SUDO), Optional.of("bastion"),
                Optional.empty(), Optional.of(Duration.ofMinutes(2)));
        SshSettings s = SshSettings.DEFAULTS.merge(o);
        assertEquals(Optional.of("ovl"), s.user());
        assertEquals(Optional.empty(), s.port(), "unset: left to ~/.ssh/config and ssh's default");
        assertEquals(List.of(Path.of("/k")), s.identityFiles());
        assertEquals(HostKeyPolicy.STRICT, s.hostKeyPolicy(), "strict unless the file says otherwise");
        assertEquals(Become.SUDO, s.become());
        assertEquals(Optional.of("bastion"), s.proxyJump());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertEquals(Duration.ofMinutes(2), s.commandTimeout());
        assertEquals(SshSettings.DEFAULTS, SshSettings.DEFAULTS.merge(SshOverrides.NONE));
    }

    @Test
    void kvBackendDefaults() {
        assertEquals(8500, KvStore.onHosts(KvBackend.CONSUL, List.of("a")).port());
        assertEquals(2379, KvStore.onHosts(KvBackend.ETCD, List.of("a")).port());
        assertEquals(2181, KvStore.onHosts(KvBackend.ZOOKEEPER, List.of("a")).port());
        assertEquals("zk", KvBackend.ZOOKEEPER.scheme());
        assertTrue(KvStore.external(KvBackend.ETCD, java.net.URI.create("etcd://x:2379")).isExternal());
    }

    @Test
    void recordsCopyTheirCollections() {
        List<Host> hosts = new ArrayList<>(List.of(Host.of("a", "b")));
        Topology t = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(), hosts, List.of());
        hosts.clear();
        assertEquals(1, t.hosts().size());
        assertThrows(UnsupportedOperationException.class, () -> t.hosts().add(Host.of("c", "d")));
        assertThrows(NullPointerException.class, () -> new Host("a", null, true, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS));
    }

    @Test
    void keyedEnumsParseTheirFileSpelling() {
        assertEquals(Optional.of(HostKeyPolicy.ACCEPT_NEW), Keyed.fromKey(HostKeyPolicy.class, "accept-new"));
        assertEquals(Optional.empty(), Keyed.fromKey(HostKeyPolicy.class, "ACCEPT_NEW"));
        assertEquals("consul, etcd, zookeeper", Keyed.allKeys(KvBackend.class));
    }
}
