package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.lab.CommandResult;
import io.ovl.lab.Eventually;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.store.BackupArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ovl store} for real, through the real command line, on a lab of its own: three Engine
 * 20.10 hosts, each an etcd member (Debian's etcd 3.4 with etcdctl, local/etcd:3.4) and an
 * overlay host. init, a network with a container on it, {@code store status}, {@code store
 * backup}; then the store's data is wiped on every member (containers stopped, each volume's
 * member directory deleted, containers started: a fresh, empty etcd) and the network is gone from
 * every dockerd; {@code store restore} brings it back, proven by {@code docker network ls} on every
 * host and by a container on h3 reaching the one on h1 over it. Then one member is replaced (its
 * container and volume removed, as on a new machine of the same name and address) and the recipe
 * of README.md 'The store' brings it back without losing the network. Tests run in order on one lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreLabIT {
    private static final String STORE = "ovl-kv-etcd";
    private static final String VOLUME_DIR = "/var/lib/docker/volumes/ovl-kv-etcd-data/_data";
    private static final String NET = "storenet";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("storeops", LabLayout.of("20.10", "20.10", "20.10"));
    private static List<LabHost> all;
    private static Path topology;
    private static Path backup;

    @BeforeAll
    static void up() {
        all = LAB.lab().fullHosts();
        try {
            String names = all.stream().map(LabHost::name).collect(Collectors.joining(", "));
            String text = Files.readString(LAB.lab().topologyPath())
                    .replaceAll("(?m)^  hosts: \\[.*]$", "  hosts: [" + names + "]")
                    .replaceAll("(?m)^    overlay: false\\n", "");
            topology = LAB.lab().stateDir().resolve("topology-store3.yaml");
            Files.writeString(topology, text);
            backup = LAB.lab().stateDir().resolve("store-backup.zip");
            Files.deleteIfExists(backup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void initThenStatusShowsThreeHealthyMembersAndOneLeader() throws IOException {
        Cli.Run init = Cli.run("init", "-f", topology.toString(), "--yes");
        assertEquals(0, init.exit(), init.out() + init.err());
        Cli.Run r = Cli.run("store", "status", "-f", topology.toString(), "--output", "json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode s = JSON.readTree(r.out());
        assertTrue(s.path("healthy").asBoolean(), r.out());
        assertEquals(3, s.path("members").size(), r.out());
        long leaders = 0;
        for (JsonNode m : s.path("members")) {
            assertTrue(m.path("healthy").asBoolean(), r.out());
            assertEquals("3.4.23", m.path("version").asText(), r.out());
            assertTrue(m.path("size-bytes").asLong() > 0, r.out());
            leaders += m.path("role").asText().equals("leader") ? 1 : 0;
        }
        assertEquals(1, leaders, r.out());
        assertTrue(all.stream().anyMatch(h -> h.name().equals(s.path("leader").asText())), r.out());
    }

    @Test
    @Order(2)
    void oneMemberStoppedIsNamedWithExit3() {
        LabHost h2 = LAB.host("h2");
        LAB.lab().exec(h2, "docker", "stop", STORE);
        try {
            Cli.Run r = Cli.run("store", "status", "-f", topology.toString());
            assertEquals(3, r.exit(), r.out() + r.err());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(h2.name()) && l.contains("UNHEALTHY")), r.out());
            assertTrue(r.out().contains("2 of 3 members healthy"), r.out());
        } finally {
            LAB.lab().exec(h2, "docker", "start", STORE);
        }
        Eventually.holds(() -> Cli.run("store", "status", "-f", topology.toString()).exit() == 0, "h2's member back");
    }

    @Test
    @Order(3)
    void backupWritesAZipWithTheSnapshotAndTheV2KeysAndPrintsItsChecksum() throws Exception {
        Cli.Run net = Cli.run("net", "create", NET, "-f", topology.toString(), "--subnet", "172.16.20.0/24");
        assertEquals(0, net.exit(), net.out() + net.err());
        assertTrue(LAB.lab().inHost(LAB.host("h1"), "docker", "run", "-d", "--name", "web1", "--network", NET,
                "local/busybox:1", "sh", "-c", "while true; do echo hello-from-h1 | nc -l -p 8080; done").succeeded());

        Cli.Run r = Cli.run("store", "backup", backup.toString(), "-f", topology.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String sha = BackupArchive.sha256(Files.readAllBytes(backup));
        assertTrue(r.out().contains("sha256 " + sha), r.out());
        BackupArchive archive = BackupArchive.read(backup);
        assertTrue(archive.entry(BackupArchive.ETCD_V3).orElseThrow().length > 0);
        String v2 = new String(archive.entry(BackupArchive.ETCD_V2).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(v2.contains("/network/docker/network/v1.0/network/"), v2);

        Cli.Run again = Cli.run("store", "backup", backup.toString(), "-f", topology.toString());
        assertEquals(2, again.exit(), "an existing file is not replaced without --force: " + again.err());
    }

    @Test
    @Order(4)
    void restoreAfterTheStoreWasWipedBringsTheNetworkBack() {
        wipeEveryMember();
        for (LabHost h : all) {
            assertFalse(overlayNetworks(h).contains(NET), h.name() + " still lists " + NET + " after the wipe");
        }

        Cli.Run refused = Cli.run("store", "restore", backup.toString(), "-f", topology.toString());
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("Pass --yes"), refused.err());
        assertFalse(overlayNetworks(all.get(0)).contains(NET), "a refused restore changed the store");

        Cli.Run r = Cli.run("store", "restore", backup.toString(), "-f", topology.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("restore done."), r.out());
        for (LabHost h : all) {
            assertEquals(Set.of("labnet", NET), overlayNetworks(h), h.name());
            assertTrue(LAB.lab().inHost(h, "sh", "-c", "ls -d " + VOLUME_DIR + "/member.ovl-before-restore-*").succeeded(),
                    h.name() + ": the old data is kept");
        }
        Cli.Run ls = Cli.run("net", "ls", "-f", topology.toString());
        assertEquals(0, ls.exit(), ls.out() + ls.err());
        assertCarriesTraffic();
    }

    @Test
    @Order(5)
    void aReplacedMemberComesBackByBackupInitRestore() {
        LabHost h3 = LAB.host("h3");
        // A new machine for h3, same name and address: no store container, no store data.
        LAB.lab().exec(h3, "sh", "-c", "docker rm -f " + STORE + " && docker volume rm ovl-kv-etcd-data");

        // 1. a backup from the two members left (they keep the quorum)
        Path fresh = LAB.lab().stateDir().resolve("store-before-replace.zip");
        Cli.Run b = Cli.run("store", "backup", fresh.toString(), "--force", "-f", topology.toString());
        assertEquals(0, b.exit(), b.out() + b.err());
        // 2. init creates h3's member, which cannot join: etcd says it "has already been bootstrapped"
        Cli.Run init = Cli.run("init", "-f", topology.toString(), "--yes");
        assertEquals(4, init.exit(), init.out() + init.err());
        // 3. restore rebuilds every member from the backup, h3's too
        Cli.Run r = Cli.run("store", "restore", fresh.toString(), "-f", topology.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        // 4. init again: nothing to do
        Cli.Run again = Cli.run("init", "-f", topology.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("nothing changed"), again.out());
        for (LabHost h : all) {
            assertEquals(Set.of("labnet", NET), overlayNetworks(h), h.name());
        }
        Cli.Run status = Cli.run("store", "status", "-f", topology.toString());
        assertEquals(0, status.exit(), status.out() + status.err());
        assertCarriesTraffic();
    }

    // ---- helpers ----

    /** Every member stopped, its data directory deleted, started again: a fresh, empty etcd with the same members. */
    private static void wipeEveryMember() {
        all.parallelStream().forEach(h -> LAB.lab().exec(h, "docker", "stop", STORE));
        for (LabHost h : all) {
            LAB.lab().exec(h, "rm", "-rf", VOLUME_DIR + "/member");
        }
        all.parallelStream().forEach(h -> LAB.lab().exec(h, "docker", "start", STORE));
        Eventually.holds(() -> Cli.run("store", "status", "-f", topology.toString()).exit() == 0, "the wiped store healthy");
    }

    private static Set<String> overlayNetworks(LabHost h) {
        CommandResult r = LAB.lab().exec(h, "docker", "network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}");
        return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
    }

    /** The container on h1 answers one on h3 by name over the restored network. */
    private static void assertCarriesTraffic() {
        CommandResult answer = LAB.lab().inHost(LAB.host("h3"), "docker", "run", "--rm", "--network", NET, "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do nc web1 8080 </dev/null && exit 0; sleep 1; done; exit 1");
        assertEquals("hello-from-h1", answer.stdout().strip(), answer.describe());
    }
}
