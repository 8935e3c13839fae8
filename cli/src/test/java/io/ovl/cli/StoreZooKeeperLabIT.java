package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.lab.Lab;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.store.BackupArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ovl store} on a ZooKeeper store, for real: lab/up's ZooKeeper layout on two Engine 20.10
 * hosts (one server, local/zookeeper:3.8, on h1; h2 the overlay host). init with the lab's network
 * labnet, status, backup; then the server's data is wiped (stopped, both version-2 directories
 * deleted, started: an empty ZooKeeper) and h2's dockerd no longer lists labnet; restore brings it
 * back. (Containers cannot join a ZooKeeper-backed overlay with dockerd 20.10: see ZooKeeperLabIT.)
 */
class StoreZooKeeperLabIT {
    private static final String STORE = "ovl-kv-zookeeper";
    private static Lab lab;

    @BeforeAll
    static void up() {
        lab = Lab.start(Lab.uniqueName("storezk"), LabLayout.of("20.10", "20.10").withStore("zookeeper"));
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void backupWipeRestoreBringsTheNetworkBack() throws Exception {
        String topology = lab.topologyPath().toString();
        LabHost h1 = lab.host("h1");
        LabHost h2 = lab.host("h2");
        Cli.Run init = Cli.run("init", "-f", topology, "--yes");
        assertEquals(0, init.exit(), init.out() + init.err());
        assertEquals(Set.of("labnet"), overlayNetworks(h2));

        Cli.Run status = Cli.run("store", "status", "-f", topology, "--output", "json");
        assertEquals(0, status.exit(), status.out() + status.err());
        JsonNode member = new ObjectMapper().readTree(status.out()).path("members").get(0);
        assertEquals("standalone", member.path("role").asText(), status.out());
        assertTrue(member.path("size-bytes").asLong() > 0, status.out());

        Path backup = lab.stateDir().resolve("zk-backup.zip");
        Files.deleteIfExists(backup);
        Cli.Run b = Cli.run("store", "backup", backup.toString(), "-f", topology);
        assertEquals(0, b.exit(), b.out() + b.err());
        assertTrue(BackupArchive.read(backup).entries().keySet().stream()
                .anyMatch(e -> e.startsWith("zookeeper/data/version-2/snapshot.")), b.out());

        lab.exec(h1, "docker", "stop", STORE);
        lab.exec(h1, "rm", "-rf", "/var/lib/docker/volumes/ovl-kv-zookeeper-data/_data/version-2",
                "/var/lib/docker/volumes/ovl-kv-zookeeper-datalog/_data/version-2");
        lab.exec(h1, "docker", "start", STORE);
        waitUntil(() -> Cli.run("store", "status", "-f", topology).exit() == 0 && overlayNetworks(h2).isEmpty(),
                "the wiped store up, without labnet");

        Cli.Run r = Cli.run("store", "restore", backup.toString(), "-f", topology, "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(Set.of("labnet"), overlayNetworks(h2));
        assertTrue(lab.inHost(h1, "sh", "-c", "ls -d /var/lib/docker/volumes/ovl-kv-zookeeper-data/_data/"
                + "version-2.ovl-before-restore-*").succeeded(), "the old data is kept");
    }

    private static Set<String> overlayNetworks(LabHost h) {
        return lab.exec(h, "docker", "network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}").stdout()
                .lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, String what) {
        for (int i = 0; i < 60; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
