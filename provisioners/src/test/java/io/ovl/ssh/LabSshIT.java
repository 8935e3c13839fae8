package io.ovl.ssh;

import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;

import io.ovl.core.OvlException;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @TempDir
    static Path dir;
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("ssh", LabLayout.of("20.10", "20.10", "26"));
    static TestClient client;

    @BeforeAll
    static void up() throws IOException {
        client = new TestClient(dir.resolve("client"));
        Files.copy(LAB.lab().knownHostsPath(), client.knownHosts);
    }

    static SshTarget target(LabHost h, String user) {
        return SshTarget.of(h.name(), h.address()).withUser(user).withIdentityFiles(List.of(LAB.lab().keyPath()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    @Test
    void reachesAHostThroughAnotherAsProxyJumpFromSshConfig() throws IOException {
        LabHost jump = LAB.lab().hosts().get(0);
        LabHost far = LAB.lab().hosts().get(2);
        // The alias, its HostName and its ProxyJump come from the user's OpenSSH config.
        // Appended after the file's global lines, so they keep applying to every host.
        Files.writeString(client.config, Files.readString(client.config) + "Host far\n  HostName " + far.address()
                + "\n  ProxyJump root@" + jump.address() + "\n");
        SshConnector connector = client.connector();
        SshTarget t = SshTarget.of("far", "far").withUser("root").withIdentityFiles(List.of(LAB.lab().keyPath()));
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
        LabHost h = LAB.lab().hosts().get(1);
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

    /**
     * A sudo user's Docker API goes through the relay the session's privileged shell started: the
     * daemon's own answers (info, a container's streamed logs, exec with stdin over the hijacked
     * stream) with one escalation for the whole session, the relay's socket private to the user,
     * and nothing left on the host once the session closes.
     */
    @Test
    void sudoUserReachesDockerThroughTheRelayWithOneEscalation() throws Exception {
        LabHost h = LAB.lab().hosts().get(2); // Engine 26
        String rootId = LAB.lab().exec(h, "docker", "info", "--format", "{{.ID}}").stdout().strip();
        String socket;
        try (HostSession s = client.connector().open(target(h, "ovl").withBecome(SshTarget.Become.SUDO))) {
            com.github.dockerjava.api.DockerClient docker = io.ovl.docker.DockerClients.over(s);
            assertEquals(rootId, docker.infoCmd().exec().getId());
            socket = s.dockerSocket();
            assertTrue(socket.matches("/tmp/ovl-docker\\.[A-Za-z0-9]+/docker\\.sock"), socket);
            String dir = socket.substring(0, socket.lastIndexOf('/'));
            assertEquals("ovl 700", s.run(RemoteCommand.of("stat", "-c", "%U %a", dir)).stdoutText().strip());
            assertEquals("ovl 600", s.run(RemoteCommand.of("stat", "-c", "%U %a", socket)).stdoutText().strip());

            var created = docker.createContainerCmd("local/busybox:1").withCmd("sh", "-c", "echo one; echo two").exec();
            try {
                docker.startContainerCmd(created.getId()).exec();
                assertEquals(0, docker.waitContainerCmd(created.getId())
                        .exec(new com.github.dockerjava.api.command.WaitContainerResultCallback())
                        .awaitStatusCode(60, java.util.concurrent.TimeUnit.SECONDS));
                StringBuilder logs = new StringBuilder();
                docker.logContainerCmd(created.getId()).withStdOut(true)
                        .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                            @Override
                            public void onNext(com.github.dockerjava.api.model.Frame f) {
                                logs.append(new String(f.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                            }
                        }).awaitCompletion(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals("one\ntwo\n", logs.toString());
            } finally {
                docker.removeContainerCmd(created.getId()).withForce(true).exec();
            }
            assertEquals(0, s.run(RemoteCommand.of("docker", "ps")).exitCode());
            assertEquals(1, s.shellsOpened(), "commands and Docker API shared one privileged shell");
        }
        // The relay ends with the shell that started it, and removes its socket and directory.
        String dir = socket.substring(0, socket.lastIndexOf('/'));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (LAB.lab().inHost(h, "test", "-e", dir).succeeded() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(LAB.lab().inHost(h, "test", "-e", dir).succeeded(), dir + " is still there after the session closed");
        assertFalse(LAB.lab().inHost(h, "pgrep", "-f", "[o]vl-docker").succeeded(), "a relay process is left");
    }

    @Test
    void sudoThatWantsAPasswordNamesTheHost() throws IOException {
        LabHost h = LAB.lab().hosts().get(1);
        LAB.lab().exec(h, "sh", "-c", "echo 'ovl ALL=(ALL) ALL' > /etc/sudoers.d/ovl");
        try (HostSession sudo = client.connector().open(target(h, "ovl").withBecome(SshTarget.Become.SUDO))) {
            OvlException e = assertThrows(OvlException.class, () -> sudo.run(RemoteCommand.of("true")));
            assertEquals("host " + h.name() + ": sudo needs a password for user ovl; allow passwordless sudo"
                    + " (NOPASSWD) for it, name an environment variable that holds the password"
                    + " (ssh.become-password-env), or connect as root", e.getMessage());
        } finally {
            LAB.lab().exec(h, "sh", "-c", "echo 'ovl ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/ovl");
        }
    }

    @Test
    void threeHostsAtOnceInTopologyOrder() {
        List<SshTarget> targets = new ArrayList<>();
        // Reverse order on purpose: results must follow the input, not completion or address order.
        for (int i = LAB.lab().hosts().size() - 1; i >= 0; i--) {
            targets.add(target(LAB.lab().hosts().get(i), "ovl").withBecome(SshTarget.Become.SUDO));
        }
        SshConnector connector = client.connector();
        List<HostResult<String>> results = new ParallelHosts(8).onHosts(targets, connector, s ->
                s.run(RemoteCommand.of("uname", "-a")).requireSuccess("uname").stdoutText().split(" ")[1] + " "
                        + s.run(RemoteCommand.script("docker info --format '{{.ServerVersion}}'"))
                        .requireSuccess("docker info").stdoutText().strip());
        assertEquals(3, results.size());
        for (int i = 0; i < 3; i++) {
            LabHost h = LAB.lab().hosts().get(2 - i);
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
        LabHost dead = LAB.lab().hosts().get(1);
        LAB.lab().exec(dead, "systemctl", "stop", "ssh.service");
        try {
            List<SshTarget> targets = new ArrayList<>();
            LAB.lab().hosts().forEach(h -> targets.add(target(h, "root").withTimeouts(Duration.ofSeconds(3),
                    Duration.ofSeconds(30))));
            // An address in the lab subnet where nothing answers: costs its connect timeout, no more.
            String prefix = LAB.lab().hosts().get(0).address().substring(0, LAB.lab().hosts().get(0).address().lastIndexOf('.'));
            targets.add(SshTarget.of("ghost", prefix + ".99").withUser("root").withIdentityFiles(List.of(LAB.lab().keyPath()))
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(30)));
            List<HostResult<String>> results = new ParallelHosts().onHosts(targets, client.connector(),
                    s -> s.run(RemoteCommand.of("hostname")).requireSuccess("hostname").stdoutText().strip());
            assertEquals(LAB.lab().hosts().get(0).name(), results.get(0).value().orElseThrow());
            assertEquals(LAB.lab().hosts().get(2).name(), results.get(2).value().orElseThrow());
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
            LAB.lab().exec(dead, "systemctl", "start", "ssh.service");
        }
    }
}
