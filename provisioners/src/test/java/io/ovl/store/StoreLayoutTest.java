package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLayoutTest {
    @Test
    void membersAreTheStoreHostsWithTheirContainerAndDataVolume() {
        StoreLayout l = StoreLayout.of(Resources.example("etcd-cluster.yaml"), Map.of());
        assertEquals(List.of("node1", "node2", "node3"), l.members().stream().map(StoreLayout.Member::host).toList());
        StoreLayout.Member m = l.members().get(0);
        assertEquals("ovl-kv-etcd", m.container());
        assertEquals("198.18.0.21:2379", m.endpoint());
        assertEquals(Map.of("ovl-kv-etcd-data", "/etcd-data"), m.volumes());
        assertEquals("/usr/local/bin/etcd", m.program().get(0));
        assertEquals("http://198.18.0.23:2379", l.clientUrls().get(2));
    }

    @Test
    void swarmModeAndAStoreOvlDoesNotRunAreUsageErrors() {
        OvlException swarm = assertThrows(OvlException.class,
                () -> StoreLayout.of(Resources.example("swarm.yaml"), Map.of()));
        assertEquals(ExitCode.USAGE, swarm.exitCode());
        OvlException external = assertThrows(OvlException.class,
                () -> StoreLayout.of(Resources.example("external-etcd-tls.yaml"), Map.of()));
        assertEquals(ExitCode.USAGE, external.exitCode());
    }
}
