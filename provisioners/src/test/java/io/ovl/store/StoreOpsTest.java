package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.topology.KvBackend;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Orchestration of {@link StoreOps} over FAKE hosts ({@link FakeHostHandle} with scripted
 * {@link FakeRemoteShell}s answering exact argv with output captured on a lab): which member is
 * asked, what is refused before any change. The real thing runs in StoreLabIT.
 */
class StoreOpsTest {
    private static final List<String> HOSTS = List.of("storeops-h1", "storeops-h2", "storeops-h3");
    private final StoreLayout layout = Resources.labEtcd3(Optional.empty());
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T04:00:00Z"), ZoneOffset.UTC);

    private StoreOps ops(OpenHosts hosts) {
        return new StoreOps(Resources.example("etcd-cluster.yaml"), hosts, layout, ChangeProgress.NONE, clock);
    }

    @Test
    void statusIsAskedOnTheNextMemberWhenTheFirstContainerIsStopped() {
        StoreLayout.Member h1 = layout.members().get(0);
        StoreLayout.Member h2 = layout.members().get(1);
        FakeRemoteShell s1 = new FakeRemoteShell("storeops-h1").on(Etcdctl.endpointStatus(layout, h1), 1, "",
                "Error response from daemon: Container 6e8c4e0e7abd is not running");
        FakeRemoteShell s2 = new FakeRemoteShell("storeops-h2")
                .on(Etcdctl.endpointStatus(layout, h2), 1, Resources.text("etcd-3.4-endpoint-status-1-down.json"),
                        "Failed to get the status of endpoint http://198.19.200.13:2379 (context deadline exceeded)")
                .on(Etcdctl.endpointHealth(layout, h2), 1, Resources.text("etcd-3.4-endpoint-health-1-down.json"),
                        "Error: unhealthy cluster")
                .on(Etcdctl.memberList(layout, h2), Resources.text("etcd-3.4-member-list-3.json"));
        try (OpenHosts hosts = FakeHostHandle.hosts(HOSTS, Map.of("storeops-h1", s1, "storeops-h2", s2),
                Map.of("storeops-h3", "host storeops-h3: connect to 198.19.200.13:22: timed out after 10s"))) {
            StoreStatus s = ops(hosts).status();
            assertEquals(Optional.of("storeops-h2"), s.askedOn());
            assertEquals(Optional.of("storeops-h1"), s.leader());
            assertFalse(s.healthy());
            assertFalse(s.members().get(2).healthy());
            assertTrue(s.members().get(2).detail().contains("host unreachable over SSH"), s.members().get(2).detail());
            assertEquals(List.of("could not ask on storeops-h1: store container ovl-kv-etcd is not running"), s.notes());
        }
    }

    @Test
    void restoreIsRefusedBeforeAnyChangeWhenAMemberHasNoContainer() {
        FakeRemoteShell s1 = new FakeRemoteShell("storeops-h1").on(StoreContainerFacts.inspect("ovl-kv-etcd"),
                Resources.text("etcd-3.4-container-inspect.json"));
        FakeRemoteShell s2 = new FakeRemoteShell("storeops-h2").on(StoreContainerFacts.inspect("ovl-kv-etcd"),
                Resources.text("etcd-3.4-container-inspect.json"));
        FakeRemoteShell s3 = new FakeRemoteShell("storeops-h3").on(StoreContainerFacts.inspect("ovl-kv-etcd"), 1, "",
                "Error: No such container: ovl-kv-etcd");
        try (OpenHosts hosts = FakeHostHandle.hosts(HOSTS, Map.of("storeops-h1", s1, "storeops-h2", s2,
                "storeops-h3", s3), Map.of())) {
            OvlException e = assertThrows(OvlException.class, () -> ops(hosts).planRestore(archive(KvBackend.ETCD)));
            assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
            assertEquals(List.of("storeops-h3"), e.hosts());
            assertTrue(e.getMessage().contains("run `ovl init` first"), e.getMessage());
            // only the read-only inspect ran anywhere
            assertEquals(1, s3.calls().size());
        }
    }

    @Test
    void restoreNeedsEveryMemberReachable() {
        try (OpenHosts hosts = FakeHostHandle.hosts(HOSTS, Map.of("storeops-h1", new FakeRemoteShell("storeops-h1"),
                "storeops-h2", new FakeRemoteShell("storeops-h2")), Map.of("storeops-h3", "timed out"))) {
            OvlException e = assertThrows(OvlException.class, () -> ops(hosts).planRestore(archive(KvBackend.ETCD)));
            assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
            assertEquals(List.of("storeops-h3"), e.hosts());
        }
    }

    @Test
    void aBackupOfAnotherStoreIsAUsageError() {
        try (OpenHosts hosts = FakeHostHandle.hosts(HOSTS, Map.of(), Map.of("storeops-h1", "x", "storeops-h2", "x",
                "storeops-h3", "x"))) {
            OvlException e = assertThrows(OvlException.class, () -> ops(hosts).planRestore(archive(KvBackend.CONSUL)));
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
    }

    @Test
    void aRestoreInterruptedBeforeTheStopRemovesItsUploadsAndChangesNothing() {
        String dir = "/var/lib/docker/volumes/ovl-kv-etcd-data/_data";
        String db = dir + "/.ovl-restore-20261206T040000Z.db";
        byte[] v3 = {1};
        Map<String, FakeRemoteShell> shells = new java.util.LinkedHashMap<>();
        for (String h : HOSTS) {
            shells.put(h, new FakeRemoteShell(h)
                    .on(StoreContainerFacts.inspect("ovl-kv-etcd"), Resources.text("etcd-3.4-container-inspect.json"))
                    .on(io.ovl.ssh.RemoteCommand.script("umask 077 && cat > \"$1\"", db).withStdin(v3), "")
                    .on(io.ovl.ssh.RemoteCommand.of("rm", "-rf", "--", db), ""));
        }
        StoreLayout.Member h1 = layout.members().get(0);
        shells.get("storeops-h1")
                .on(Etcdctl.endpointStatus(layout, h1), Resources.text("etcd-3.4-endpoint-status-3.json"))
                .on(Etcdctl.endpointHealth(layout, h1), Resources.text("etcd-3.4-endpoint-health-3.json"))
                .on(Etcdctl.memberList(layout, h1), Resources.text("etcd-3.4-member-list-3.json"));
        io.ovl.hosts.Interruption interruption = io.ovl.hosts.Interruption.none();
        try (OpenHosts hosts = FakeHostHandle.hosts(HOSTS, shells, Map.of())) {
            StoreOps ops = ops(hosts);
            BackupArchive archive = archive(KvBackend.ETCD);
            StoreOps.RestorePlan plan = ops.planRestore(archive);
            interruption.request(); // as the first Ctrl-C would, once the upload is under way
            StoreOps.RestoreReport r = ops.restore(plan, archive, interruption);
            assertTrue(r.interrupted());
            assertTrue(r.after().healthy());
            // No `docker stop` was scripted: a FakeRemoteShell fails on any unscripted command.
            for (FakeRemoteShell s : shells.values()) {
                assertTrue(s.calls().contains(io.ovl.ssh.RemoteCommand.of("rm", "-rf", "--", db)), s.calls().toString());
            }
        }
    }

    private static BackupArchive archive(KvBackend backend) {
        return new BackupArchive(backend, Instant.EPOCH, "storeops-h1", HOSTS,
                Map.of(BackupArchive.ETCD_V3, new byte[] {1}, BackupArchive.ETCD_V2,
                        Resources.text("etcd-3.4-v2-keys-recursive.json").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
