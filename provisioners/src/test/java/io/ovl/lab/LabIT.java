package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lab's "done when" test (issue 3): three real hosts, two on Engine 20.10 and one on 26,
 * reached over SSH with strict host-key checking, each with its own hostname, docker.service
 * active under systemd, a container run from the local busybox image, a sudo user without docker
 * access; then the lab is taken down and nothing of it may be left.
 *
 * <p>Uses a lab of its own (not {@link Lab#shared()}) because it tears the lab down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class LabIT {

    private Lab lab;

    @BeforeAll
    void up() {
        lab = Lab.start(Lab.uniqueName("labit"), List.of("20.10", "20.10", "26"), 0);
    }

    @AfterAll
    void downEvenIfATestFailed() {
        if (lab != null) {
            lab.down();
        }
    }

    @Test
    @Order(1)
    void hasThreeFullHostsWithTheRequestedEngines() {
        List<LabHost> hosts = lab.fullHosts();
        assertEquals(List.of("20.10", "20.10", "26"), hosts.stream().map(LabHost::engine).toList());
        assertTrue(Files.isRegularFile(lab.knownHostsPath()), "known_hosts written");
        assertTrue(Files.isRegularFile(lab.topologyPath()), "topology written");
    }

    @Test
    @Order(2)
    void eachHostAnswersOverSshWithItsOwnCheckedHostKeyAndHostname() {
        Map<LabHost, String> hostnames = lab.fullHosts().stream()
                .collect(Collectors.toMap(Function.identity(), h -> ok(lab.ssh(h, "root", "hostname")).strip()));
        hostnames.forEach((host, hostname) -> assertEquals(host.name(), hostname, "hostname of " + host.address()));
        assertEquals(3, new HashSet<>(hostnames.values()).size(), "three distinct hostnames: " + hostnames);
    }

    @Test
    @Order(3)
    void sshRefusesAHostWhoseKeyIsNotTheRecordedOne() throws Exception {
        // Swap two hosts' keys in a copy of known_hosts: strict checking must then refuse h1.
        LabHost h1 = lab.fullHosts().get(0);
        LabHost h2 = lab.fullHosts().get(1);
        List<String> lines = Files.readAllLines(lab.knownHostsPath());
        List<String> swapped = lines.stream()
                .filter(l -> l.startsWith(h2.address() + ","))
                .map(l -> h1.address() + "," + h1.name() + " " + l.split(" ", 2)[1])
                .toList();
        var copy = Files.createTempFile("lab-known-hosts", "");
        try {
            Files.write(copy, swapped);
            CommandResult r = LocalProcess.run(lab.stateDir(), java.time.Duration.ofSeconds(60), List.of("ssh",
                    "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + copy,
                    "-o", "GlobalKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-i", lab.keyPath().toString(), "root@" + h1.address(), "true"));
            assertNotEquals(0, r.exitCode(), "ssh must refuse a mismatching host key");
            assertTrue(r.stderr().contains("HOST IDENTIFICATION HAS CHANGED")
                    || r.stderr().contains("Host key verification failed"), r.stderr());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    @Order(4)
    void dockerServiceIsActiveUnderSystemdOnEachHost() {
        assertAll(lab.fullHosts().stream().map(h -> () -> {
            assertEquals("running", lab.ssh(h, "root", "systemctl is-system-running").stdout().strip(),
                    "systemd state on " + h.name());
            assertEquals("active", ok(lab.ssh(h, "root", "systemctl is-active docker.service")).strip(),
                    "docker.service on " + h.name());
            String version = ok(lab.ssh(h, "root", "docker version --format '{{.Server.Version}}'")).strip();
            assertTrue(version.startsWith(h.engine() + "."), h.name() + " runs Engine " + version);
        }));
    }

    @Test
    @Order(8)
    void hostsHaveTheirOwnHostKeysAndDockerEngineIds() throws Exception {
        Set<String> ed25519Keys = Files.readAllLines(lab.knownHostsPath()).stream()
                .filter(l -> l.contains(" ssh-ed25519 ")).map(l -> l.split(" ")[2]).collect(Collectors.toSet());
        assertEquals(3, ed25519Keys.size(), "one distinct ed25519 host key per host");
        Set<String> engineIds = lab.fullHosts().stream()
                .map(h -> ok(lab.ssh(h, "root", "docker info --format '{{.ID}}'")).strip())
                .collect(Collectors.toSet());
        assertEquals(3, engineIds.size(), "distinct Docker engine IDs: " + engineIds);
    }

    @Test
    @Order(5)
    void eachHostRunsAContainerFromTheLocalBusyboxImage() {
        assertAll(lab.fullHosts().stream().map(h -> () -> {
            String out = ok(lab.ssh(h, "root", "docker run --rm local/busybox:1 sh -c 'echo from-$(hostname)'"));
            assertTrue(out.strip().startsWith("from-"), h.name() + ": " + out);
        }));
    }

    @Test
    @Order(6)
    void userOvlHasSudoButNoDockerAccess() {
        assertAll(lab.fullHosts().stream().map(h -> () -> {
            assertEquals("ovl", ok(lab.ssh(h, "ovl", "id -un")).strip());
            ok(lab.ssh(h, "ovl", "sudo -n true"));
            CommandResult dockerPs = lab.ssh(h, "ovl", "docker ps");
            assertNotEquals(0, dockerPs.exitCode(), h.name() + ": docker ps without sudo must fail");
            assertTrue(dockerPs.stderr().contains("permission denied"), dockerPs.stderr());
        }));
    }

    @Test
    @Order(7)
    void commandsRunInsideAHostThroughLabExec() {
        LabHost h3 = lab.fullHosts().get(2);
        assertEquals(h3.name(), ok(lab.inHost(h3, "hostname")).strip());
    }

    @Test
    @Order(100)
    void downLeavesNoNamespaceBridgeOrProcess() {
        List<Long> pids = lab.processIds();
        assertFalse(pids.isEmpty(), "a running lab has processes in its namespaces");
        Map<Long, java.time.Instant> started = new java.util.HashMap<>();
        pids.forEach(pid -> ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
                .ifPresent(t -> started.put(pid, t)));

        lab.close();

        assertEquals(List.of(), lab.leftovers());
        // A pid counts as surviving if it still runs the same process (same start time: pids can
        // be reused) and is not a zombie (dead, only waiting for its new parent to reap it).
        Set<Long> survivors = new HashSet<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().equals(java.util.Optional.ofNullable(started.get(pid))))
                    .filter(p -> !isZombie(pid))
                    .ifPresent(p -> survivors.add(pid));
        }
        assertEquals(Set.of(), survivors, "lab processes still running after lab/down");
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the state follows the last ')' since comm may contain spaces.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true; // gone between the two checks
        }
    }

    private static String ok(CommandResult result) {
        assertEquals(0, result.exitCode(), result.describe());
        return result.stdout();
    }
}
