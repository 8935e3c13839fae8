package io.ovl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.UnparseableOutputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonJsonMergeTest {
    private static final ClusterSettings ETCD = new ClusterSettings(KvBackend.ETCD,
            List.of("198.18.0.10:2379"), "network", "eth0", 2376, Optional.empty());
    private static final ClusterSettings ETCD_TLS = new ClusterSettings(KvBackend.ETCD,
            List.of("198.18.0.10:2379"), "network", "eth0", 2376,
            Optional.of(new StoreTls("/etc/ovl/kv/ca.pem", "/etc/ovl/kv/cert.pem", "/etc/ovl/kv/key.pem")));
    private static final String EXISTING = "{\n  \"log-driver\": \"journald\",\n  \"log-opts\": {\"tag\": \"{{.Name}}\"},\n"
            + "  \"insecure-registries\": [\"registry.local:5000\"]\n}\n";

    @Test
    void existingKeysAreKeptInOrderAndOvlsAppended() {
        DaemonJsonMerge.Result r = DaemonJsonMerge.merge(EXISTING, ETCD_TLS);
        assertTrue(r.changed());
        Golden.assertMatches("daemon-cluster-merged.json", r.text());
    }

    @Test
    void noFileGivesJustOvlsKeys() {
        Golden.assertMatches("daemon-cluster-new.json", DaemonJsonMerge.merge("", ETCD).text());
    }

    @Test
    void secondMergeChangesNothing() {
        String once = DaemonJsonMerge.merge(EXISTING, ETCD).text();
        DaemonJsonMerge.Result twice = DaemonJsonMerge.merge(once, ETCD);
        assertFalse(twice.changed());
        assertEquals(once, twice.text());
    }

    @Test
    void aKeyAlreadySetToAnotherValueIsReportedAndNothingChanges() {
        String other = "{\"cluster-store\": \"consul://10.0.0.1:8500/x\", \"cluster-advertise\": \"eth0:2376\"}";
        OvlException e = assertThrows(OvlException.class, () -> DaemonJsonMerge.merge(other, ETCD));
        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("\"cluster-store\" is \"consul://10.0.0.1:8500/x\"")
                && e.getMessage().contains("etcd://198.18.0.10:2379/network"), e.getMessage());
        // the advertise key has the wanted value: not a conflict
        assertFalse(e.getMessage().contains("\"cluster-advertise\" is"), e.getMessage());
    }

    @Test
    void leftoverStoreOptionsAreAConflictToo() {
        String withTls = DaemonJsonMerge.merge("", ETCD_TLS).text();
        OvlException e = assertThrows(OvlException.class, () -> DaemonJsonMerge.merge(withTls, ETCD));
        assertTrue(e.getMessage().contains("cluster-store-opts"), e.getMessage());
    }

    @Test
    void removeUndoesMergeAndKeepsTheRest() {
        String merged = DaemonJsonMerge.merge(EXISTING, ETCD_TLS).text();
        DaemonJsonMerge.Result removed = DaemonJsonMerge.remove(merged);
        assertTrue(removed.changed());
        Golden.assertMatches("daemon-cluster-removed.json", removed.text());
        assertFalse(DaemonJsonMerge.remove(EXISTING).changed());
        assertEquals(EXISTING, DaemonJsonMerge.remove(EXISTING).text());
    }

    @Test
    void invalidJsonIsReportedWithPosition() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> DaemonJsonMerge.merge("{\"log-driver\": }", ETCD));
        assertTrue(e.getMessage().contains("daemon.json line 1, column 16"), e.getMessage());
    }
}
