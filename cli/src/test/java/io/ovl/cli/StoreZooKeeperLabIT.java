package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.lab.Eventually;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.store.BackupArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ovl store} on a ZooKeeper store, for real: three Engine 20.10 hosts, each a server of a
 * three-server ensemble (local/zookeeper:3.8); h1 is no overlay host, h2 and h3 are. init with the
 * lab's network labnet, status (one leader, two followers), backup; then every server's data is
 * wiped (stopped, both version-2 directories deleted, started: an empty ensemble) and the overlay
 * hosts no longer list labnet; restore gives every server the same snapshot and logs and brings
 * labnet back. (Containers cannot join a ZooKeeper-backed overlay with dockerd 20.10: see
 * ZooKeeperLabIT.)
 */
class StoreZooKeeperLabIT {
    private static final String STORE = "ovl-kv-zookeeper";
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("storezk", LabLayout.of("20.10", "20.10", "20.10").withStore("zookeeper"));

    @Test
    void backupWipeRestoreBringsTheNetworkBack() throws Exception {
        List<LabHost> all = LAB.lab().fullHosts();
        List<LabHost> overlay = all.subList(1, 3);
        Path three = LAB.lab().stateDir().resolve("topology-zk3.yaml");
        Files.writeString(three, Files.readString(LAB.lab().topologyPath()).replaceAll("(?m)^  hosts: \\[.*]$",
                "  hosts: [" + all.stream().map(LabHost::name).collect(Collectors.joining(", ")) + "]"));
        String topology = three.toString();
        Cli.Run init = Cli.run("init", "-f", topology, "--yes");
        assertEquals(0, init.exit(), init.out() + init.err());
        for (LabHost h : overlay) {
            assertEquals(Set.of("labnet"), overlayNetworks(h), h.name());
        }

        Cli.Run status = Cli.run("store", "status", "-f", topology, "--output", "json");
        assertEquals(0, status.exit(), status.out() + status.err());
        List<String> roles = new java.util.ArrayList<>();
        for (JsonNode member : new ObjectMapper().readTree(status.out()).path("members")) {
            roles.add(member.path("role").asText());
            assertTrue(member.path("size-bytes").asLong() > 0, status.out());
        }
        assertEquals(List.of("follower", "follower", "leader"), roles.stream().sorted().toList(), status.out());

        Path backup = LAB.lab().stateDir().resolve("zk-backup.zip");
        Files.deleteIfExists(backup);
        Cli.Run b = Cli.run("store", "backup", backup.toString(), "-f", topology);
        assertEquals(0, b.exit(), b.out() + b.err());
        assertTrue(BackupArchive.read(backup).entries().keySet().stream()
                .anyMatch(e -> e.startsWith("zookeeper/data/version-2/snapshot.")), b.out());

        all.parallelStream().forEach(h -> LAB.lab().exec(h, "docker", "stop", STORE));
        for (LabHost h : all) {
            LAB.lab().exec(h, "rm", "-rf", "/var/lib/docker/volumes/ovl-kv-zookeeper-data/_data/version-2",
                    "/var/lib/docker/volumes/ovl-kv-zookeeper-datalog/_data/version-2");
        }
        all.parallelStream().forEach(h -> LAB.lab().exec(h, "docker", "start", STORE));
        Eventually.holds(() -> Cli.run("store", "status", "-f", topology).exit() == 0
                && overlay.stream().allMatch(h -> overlayNetworks(h).isEmpty()), "the wiped store up, without labnet");

        Cli.Run r = Cli.run("store", "restore", backup.toString(), "-f", topology, "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (LabHost h : overlay) {
            assertEquals(Set.of("labnet"), overlayNetworks(h), h.name());
        }
        for (LabHost h : all) {
            assertTrue(LAB.lab().inHost(h, "sh", "-c", "ls -d /var/lib/docker/volumes/ovl-kv-zookeeper-data/_data/"
                    + "version-2.ovl-before-restore-*").succeeded(), h.name() + ": the old data is kept");
        }
    }

    private static Set<String> overlayNetworks(LabHost h) {
        return LAB.lab().exec(h, "docker", "network", "ls", "--filter", "driver=overlay", "--format", "{{.Name}}").stdout()
                .lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
    }
}
