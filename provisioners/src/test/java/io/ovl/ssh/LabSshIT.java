package io.ovl.ssh;

import io.ovl.core.OvlException;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On REAL lab hosts (h1, h2: Engine 20.10 / Debian 12; h3: Engine 26 / Debian 13): ProxyJump
 * through a lab host, the non-root user ovl with become: sudo, three hosts at once, and a stopped
 * sshd on one host. Uses the lab's key and its complete known_hosts with strict checking.
 */
class LabSshIT {

    static final String LAB = "ovlssh";

    @TempDir
    static Path dir;
    static SshLab lab;
    static TestClient client;

    @BeforeAll
    static void up() throws IOException {
        lab = SshLab.up(LAB, "20.10,20.10,26");
        client = new TestClient(dir.resolve("client"));
        Files.copy(lab.knownHosts(), client.knownHosts);
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    static SshTarget target(SshLab.Host h, String user) {
        return SshTarget.of(h.name(), h.address()).withUser(user).withIdentityFiles(List.of(lab.key()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @Test
    void reachesAHostThroughAnotherAsProxyJumpFromSshConfig() throws IOException {
        SshLab.Host jump = lab.hosts().get(0);
        SshLab.Host far = lab.hosts().get(2);
        // The alias, its HostName and its ProxyJump come from the user's OpenSSH config.
        // Appended after the file's global lines, so they keep applying to every host.
        Files.writeString(client.config, Files.readString(client.config) + "Host far\n  HostName " + far.address()
                + "\n  ProxyJump root@" + jump.address() + "\n");
        SshConnector connector = client.connector();
        SshTarget t = SshTarget.of("far", "far").withUser("root").withIdentityFiles(List.of(lab.key()));
        try (HostSession s = connector.open(t)) {
            String sshConnection = s.run(RemoteCommand.script("echo \"$SSH_CONNECTION\"")).requireSuccess("env")
                    .stdoutText().strip();
            assertEquals(jump.address(), sshConnection.split(" ")[0], "the far host sees the jump host as client");
            assertEquals(far.name(), s.run(RemoteCommand.of("hostname")).stdoutText().strip());
        }
        assertEquals(2, connector.connectionsOpened());
    }

    @Test
    void nonRootUserWithSudo() {
        SshLab.Host h = lab.hosts().get(1);
        SshConnector connector = client.connector();
        try (HostSession plain = connector.open(target(h, "ovl"))) {
            assertEquals("ovl", plain.run(RemoteCommand.of("id", "-un")).stdoutText().strip());
            assertNotEquals(0, plain.run(RemoteCommand.of("docker", "ps")).exitCode(), "ovl is not in group docker");
        }
        try (HostSession sudo = connector.open(target(h, "ovl").withBecome(SshTarget.Become.SUDO))) {
            assertEquals("root", sudo.run(RemoteCommand.of("id", "-un")).stdoutText().strip());
            assertEquals(0, sudo.run(RemoteCommand.of("docker", "ps")).exitCode());
            String path = "/etc/ovl-ssh-it/it's a \"test\".conf";
            sudo.run(RemoteCommand.of("mkdir", "-p", "/etc/ovl-ssh-it")).requireSuccess("mkdir");
            assertEquals(RemoteFiles.WriteOutcome.CREATED, sudo.files().writeFileAtomically(path,
                    "a=1\n".getBytes(), "root", "root", 0600));
            assertEquals(RemoteFiles.WriteOutcome.REPLACED, sudo.files().writeFileAtomically(path,
                    "a=2\n".getBytes(), "root", "root", 0600));
            assertEquals("a=1\n", new String(sudo.files().readFile(path + RemoteFiles.BACKUP_SUFFIX).orElseThrow()));
            assertEquals("root root 600", sudo.run(RemoteCommand.of("stat", "-c", "%U %G %a", path)).stdoutText().strip());
            // Through sudo too, every hostile value arrives as one argument, byte for byte.
            for (String value : RemoteCommandTest.HOSTILE) {
                assertEquals("[" + value + "]\n", sudo.run(RemoteCommand.of("printf", "[%s]\\n", value))
                        .requireSuccess("printf").stdoutText(), value);
            }
        }
    }

    @Test
    void sudoThatWantsAPasswordNamesTheHost() throws IOException {
        SshLab.Host h = lab.hosts().get(1);
        lab.inHost(h, "sh", "-c", "echo 'ovl ALL=(ALL) ALL' > /etc/sudoers.d/ovl");
        try (HostSession sudo = client.connector().open(target(h, "ovl").withBecome(SshTarget.Become.SUDO))) {
            OvlException e = assertThrows(OvlException.class, () -> sudo.run(RemoteCommand.of("true")));
            assertEquals("host " + h.name() + ": sudo needs a password for user ovl; allow passwordless sudo"
                    + " (NOPASSWD) for it or connect as root", e.getMessage());
        } finally {
            lab.inHost(h, "sh", "-c", "echo 'ovl ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/ovl");
        }
    }

    @Test
    void threeHostsAtOnceInTopologyOrder() {
        List<SshTarget> targets = new ArrayList<>();
        // Reverse order on purpose: results must follow the input, not completion or address order.
        for (int i = lab.hosts().size() - 1; i >= 0; i--) {
            targets.add(target(lab.hosts().get(i), "ovl").withBecome(SshTarget.Become.SUDO));
        }
        SshConnector connector = client.connector();
        List<HostResult<String>> results = new ParallelHosts(8).onHosts(targets, connector, s ->
                s.run(RemoteCommand.of("uname", "-a")).requireSuccess("uname").stdoutText().split(" ")[1] + " "
                        + s.run(RemoteCommand.script("docker info --format '{{.ServerVersion}}'"))
                        .requireSuccess("docker info").stdoutText().strip());
        assertEquals(3, results.size());
        for (int i = 0; i < 3; i++) {
            SshLab.Host h = lab.hosts().get(2 - i);
            HostResult<String> r = results.get(i);
            assertEquals(h.name(), r.host());
            assertTrue(r.succeeded(), () -> r.error().map(Throwable::getMessage).orElse(""));
            String[] hostAndEngine = r.value().orElseThrow().split(" ");
            assertEquals(h.name(), hostAndEngine[0]);
            assertTrue(hostAndEngine[1].startsWith(h.engine() + "."), hostAndEngine[1] + " on " + h.name());
        }
        assertEquals(3, connector.connectionsOpened(), "one connection per host, reused by both steps");
    }

    @Test
    void stoppedSshdFailsOnlyThatHost() throws IOException {
        SshLab.Host dead = lab.hosts().get(1);
        lab.inHost(dead, "systemctl", "stop", "ssh.service");
        try {
            List<SshTarget> targets = new ArrayList<>();
            lab.hosts().forEach(h -> targets.add(target(h, "root").withTimeouts(Duration.ofSeconds(3),
                    Duration.ofSeconds(30))));
            // An address in the lab subnet where nothing answers: costs its connect timeout, no more.
            String prefix = lab.hosts().get(0).address().substring(0, lab.hosts().get(0).address().lastIndexOf('.'));
            targets.add(SshTarget.of("ghost", prefix + ".99").withUser("root").withIdentityFiles(List.of(lab.key()))
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30)));
            List<HostResult<String>> results = new ParallelHosts().onHosts(targets, client.connector(),
                    s -> s.run(RemoteCommand.of("hostname")).requireSuccess("hostname").stdoutText().strip());
            assertEquals(lab.hosts().get(0).name(), results.get(0).value().orElseThrow());
            assertEquals(lab.hosts().get(2).name(), results.get(2).value().orElseThrow());
            HostResult<String> failed = results.get(1);
            assertInstanceOf(HostResult.Failed.class, failed);
            assertEquals("host " + dead.name() + ": connect to " + dead.address()
                            + ":22: connection refused (is sshd running and listening on that port?)",
                    failed.error().orElseThrow().getMessage());
            HostResult<String> ghost = results.get(3);
            assertFalse(ghost.succeeded());
            String msg = ghost.error().orElseThrow().getMessage();
            assertTrue(msg.startsWith("host ghost: connect to " + prefix + ".99:22: "), msg);
            assertTrue(msg.endsWith("timed out after 3s") || msg.endsWith("no route to host"), msg);
        } finally {
            lab.inHost(dead, "systemctl", "start", "ssh.service");
        }
    }
}
