package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.store.MemberStatus;
import io.ovl.store.StoreStatus;
import io.ovl.topology.KvBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpTeachesEachSubcommandWithAnExample() {
        Cli.Run store = Cli.run("store", "--help");
        assertEquals(0, store.exit());
        assertTrue(store.out().contains("status") && store.out().contains("backup") && store.out().contains("restore"),
                store.out());
        Cli.Run restore = Cli.run("store", "restore", "--help");
        assertTrue(restore.out().contains("ovl store restore store-2026-12-06.zip --yes"), restore.out());
        assertTrue(restore.out().contains("member.ovl-before-restore-TIME"), restore.out());
        Cli.Run backup = Cli.run("store", "backup", "--help");
        assertTrue(backup.out().contains("ovl store backup store-$(date +%F).zip"), backup.out());
    }

    @Test
    void swarmModeHasNoStoreOfOvls() {
        Cli.Run r = Cli.run("store", "status", "-f", Cli.example("swarm.yaml"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("mode: kv"), r.err());
    }

    @Test
    void backupRefusesAnExistingFileBeforeContactingAnyHost() throws Exception {
        Path file = Files.writeString(dir.resolve("old.zip"), "yesterday's");
        Cli.Run r = Cli.run("store", "backup", file.toString(), "-f", Cli.example("etcd-cluster.yaml"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("yesterday's", Files.readString(file));
    }

    @Test
    void restoreOfAFileThatIsNoBackupIsUsage() throws Exception {
        Path file = Files.writeString(dir.resolve("x.zip"), "not a zip");
        Cli.Run r = Cli.run("store", "restore", file.toString(), "--yes", "-f", Cli.example("etcd-cluster.yaml"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("not an ovl store backup"), r.err());
    }

    @Test
    void statusTextHasOneRowPerMemberAndTheLeader() {
        StoreStatus s = new StoreStatus(KvBackend.ETCD, List.of(
                new MemberStatus("h1", "198.18.0.11:2379", true, "leader", Optional.of("3.4.23"), Optional.of(20480L), "ok"),
                MemberStatus.unanswered("h2", "198.18.0.12:2379", "context deadline exceeded")),
                Optional.of("h1"), List.of());
        String text = StoreView.statusText(s, new Style(false));
        assertTrue(text.contains("h1    198.18.0.11:2379  healthy    leader      3.4.23    20 KiB     ok"), text);
        assertTrue(text.contains("h2    198.18.0.12:2379  UNHEALTHY  unknown     -         -          context deadline"
                + " exceeded"), text);
        assertTrue(text.endsWith("leader: h1; 1 of 2 members healthy\n"), text);
        assertEquals("1.5 MiB", StoreView.size(1536 * 1024));
        assertEquals("512 B", StoreView.size(512));
    }
}
