package io.ovl.ssh;

import io.ovl.core.OvlException;
import io.ovl.ssh.agent.TestAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host keys, authentication, timeouts and files against a REAL OpenSSH server on loopback. */
class HostSessionIT {

    @TempDir
    Path dir;

    private String whoami(HostSession s) {
        return s.run(RemoteCommand.of("id", "-un")).requireSuccess("whoami").stdoutText().strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void logsInWithAnIdentityFile(String type) throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), type, "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshConnector connector = client.connector();
            try (HostSession s = connector.open(TestClient.target("node1", sshd, key))) {
                assertEquals("root", whoami(s));
                assertTrue(s.sshClient().isAuthenticated());
                assertEquals(SshConnector.KEEPALIVE_SECONDS, s.sshClient().getConnection().getKeepAlive()
                        .getKeepAliveInterval(), "keepalive is on");
                assertEquals("node1", s.label());
            }
            assertEquals(1, connector.connectionsOpened());
        }
    }

    @Test
    void strictRefusesAnUnknownHostWithItsFingerprint() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            String fingerprint = TestKeys.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f",
                    sshd.hostKeyPub().toString())).split("\\s+")[1];
            OvlException e = assertThrows(OvlException.class,
                    () -> client.connector().open(TestClient.target("node2", sshd, key)));
            assertTrue(e.getMessage().startsWith("host node2: unknown host key for [127.0.0.1]:" + sshd.port()
                    + ": ED25519 key " + fingerprint), e.getMessage());
            assertTrue(e.getMessage().contains("ssh-keyscan -p " + sshd.port() + " -t ed25519 127.0.0.1"), e.getMessage());
            assertFalse(Files.exists(client.knownHosts), "strict checking wrote nothing");
        }
    }

    @Test
    void acceptNewRecordsTheKeyAndThenRefusesAChangedOne() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            Path projectKnownHosts = dir.resolve("project_known_hosts");
            SshTarget target = TestClient.target("node3", sshd, key)
                    .withKnownHostsFiles(List.of(projectKnownHosts))
                    .withHostKeyPolicy(SshTarget.HostKeyPolicy.ACCEPT_NEW);
            try (HostSession s = client.connector().open(target)) {
                assertEquals("root", whoami(s));
            }
            assertEquals(sshd.knownHostsLine(), Files.readString(projectKnownHosts).strip(),
                    "recorded into the topology's known_hosts, which comes first");
            // Strict now accepts it: the recorded entry is what OpenSSH would have written.
            try (HostSession s = client.connector().open(target.withHostKeyPolicy(SshTarget.HostKeyPolicy.STRICT))) {
                assertEquals("root", whoami(s));
            }

            sshd.regenerateHostKeyAndRestart();
            OvlException e = assertThrows(OvlException.class, () -> client.connector().open(target));
            assertTrue(e.getMessage().startsWith("host node3: WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for [127.0.0.1]:"
                    + sshd.port()), e.getMessage());
            assertTrue(e.getMessage().contains("the old key is at " + projectKnownHosts + ":1"), e.getMessage());
            assertEquals(1, Files.readAllLines(projectKnownHosts).size(), "the changed key was not recorded");
        }
    }

    @Test
    void hashedKnownHostsWork() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            TestKeys.run(List.of("ssh-keygen", "-H", "-f", client.knownHosts.toString()));
            assertTrue(Files.readString(client.knownHosts).startsWith("|1|"));
            try (HostSession s = client.connector().open(TestClient.target("node4", sshd, key))) {
                assertEquals("root", whoami(s));
            }
        }
    }

    @Test
    void logsInWithTheSshAgentOnly() throws Exception {
        Path agentKey = TestKeys.generate(dir.resolve("agentkeys"), "rsa", "");
        Path unrelated = TestKeys.generate(dir.resolve("other"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(agentKey));
             TestAgent agent = TestAgent.start(dir)) {
            agent.add(agentKey);
            Files.delete(agentKey); // only the agent can sign now
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshConnector connector = new SshConnector(client.env.withAgentSocket(Optional.of(agent.socket())),
                    PassphrasePrompt.none());
            try (HostSession s = connector.open(TestClient.target("node5", sshd, unrelated))) {
                assertEquals("root", whoami(s));
            }
            assertTrue(sshd.log().contains("Accepted publickey for root") && sshd.log().contains("RSA"), sshd.log());
        }
    }

    @Test
    void passphraseKeyWithoutTerminalNamesTheKeyFile() throws IOException {
        Path locked = TestKeys.generate(dir.resolve("keys"), "ed25519", "s3cret pass");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(locked))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            OvlException e = assertThrows(OvlException.class,
                    () -> client.connector().open(TestClient.target("node6", sshd, locked)));
            assertEquals("host node6: authenticate as root@127.0.0.1:" + sshd.port() + ": key " + locked
                    + " is protected by a passphrase and there is no terminal to ask for it: add it to the ssh-agent"
                    + " (ssh-add " + locked + ") or run ovl in a terminal", e.getMessage());

            List<Path> asked = new ArrayList<>();
            SshConnector withPrompt = new SshConnector(client.env, file -> {
                asked.add(file);
                return Optional.of("s3cret pass".toCharArray());
            });
            try (HostSession s = withPrompt.open(TestClient.target("node6", sshd, locked))) {
                assertEquals("root", whoami(s));
            }
            assertEquals(List.of(locked), asked);
        }
    }

    @Test
    void wrongKeyIsRefusedNamingUserHostAndKeys() throws IOException {
        Path good = TestKeys.generate(dir.resolve("good"), "ed25519", "");
        Path wrong = TestKeys.generate(dir.resolve("wrong"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(good))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            OvlException e = assertThrows(OvlException.class,
                    () -> client.connector().open(TestClient.target("node7", sshd, wrong)));
            assertTrue(e.getMessage().startsWith("host node7: authenticate as root@127.0.0.1:" + sshd.port()
                    + ": no key was accepted (offered: " + wrong), e.getMessage());
        }
    }

    @Test
    void refusedConnectionNamesHostAndStep() throws IOException {
        TestClient client = new TestClient(dir.resolve("client"));
        int closedPort = LoopbackSshd.freePort();
        SshTarget t = SshTarget.of("node8", "127.0.0.1").withPort(closedPort).withUser("root");
        OvlException e = assertThrows(OvlException.class, () -> client.connector().open(t));
        assertEquals("host node8: connect to 127.0.0.1:" + closedPort
                + ": connection refused (is sshd running and listening on that port?)", e.getMessage());
    }

    @Test
    void silentServerTimesOutWithTheConfiguredTimeout() throws IOException {
        LoopbackSshd.assumeAvailable();
        TestClient client = new TestClient(dir.resolve("client"));
        // Accepts TCP but never says a word: a hung sshd. Only the connect timeout can end this.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // test cleanup
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SshTarget t = SshTarget.of("node9", "127.0.0.1").withPort(silent.getLocalPort()).withUser("root")
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
            OvlException e = assertThrows(OvlException.class, () -> client.connector().open(t));
            assertEquals("host node9: connect to 127.0.0.1:" + silent.getLocalPort() + ": timed out after 2s",
                    e.getMessage());
        }
    }

    @Test
    void commandTimeoutNamesTheCommand() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshTarget t = TestClient.target("node10", sshd, key).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
            try (HostSession s = client.connector().open(t)) {
                OvlException e = assertThrows(OvlException.class, () -> s.run(RemoteCommand.of("sleep", "30")));
                assertEquals("host node10: run `sleep 30`: timed out after 1s (command-timeout)", e.getMessage());
                // The connection survives a timed-out command; later steps reuse it.
                assertEquals("root", whoami(s));
            }
        }
    }

    @Test
    void atomicWriteKeepsABackupAndSetsOwnerAndMode() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            Path remoteDir = Files.createDirectories(dir.resolve("remote dir; $(id)"));
            String path = remoteDir.resolve("daemon 'x'.json").toString();
            try (HostSession s = client.connector().open(TestClient.target("node11", sshd, key))) {
                RemoteFiles files = s.files();
                assertEquals(Optional.empty(), files.readFile(path));
                byte[] v1 = "{\"v\":1}\n".getBytes(StandardCharsets.UTF_8);
                assertEquals(RemoteFiles.WriteOutcome.CREATED, files.writeFileAtomically(path, v1, "root", "root", 0640));
                assertArrayEquals(v1, files.readFile(path).orElseThrow());
                assertEquals("root root 640", stat(s, path));
                assertFalse(Files.exists(Path.of(path + RemoteFiles.BACKUP_SUFFIX)), "nothing to back up yet");

                assertEquals(RemoteFiles.WriteOutcome.UNCHANGED, files.writeFileAtomically(path, v1, "root", "root", 0640));

                byte[] v2 = new byte[] {0, 1, 2, (byte) 0xff, '\n'};
                assertEquals(RemoteFiles.WriteOutcome.REPLACED, files.writeFileAtomically(path, v2, "daemon", "0", 0600));
                assertArrayEquals(v2, Files.readAllBytes(Path.of(path)));
                assertEquals("daemon root 600", stat(s, path));
                assertArrayEquals(v1, Files.readAllBytes(Path.of(path + RemoteFiles.BACKUP_SUFFIX)));
                try (var listing = Files.list(remoteDir)) {
                    assertEquals(2, listing.count(), "no temporary file left behind");
                }
            }
        }
    }

    @Test
    void writeKeepingModeKeepsAnExistingFilesOwnerAndModeAndGivesANewOneTheDefaults() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            Path remoteDir = Files.createDirectories(dir.resolve("keep"));
            String existing = remoteDir.resolve("daemon.json").toString();
            String fresh = remoteDir.resolve("new.conf").toString();
            try (HostSession s = client.connector().open(TestClient.target("node13", sshd, key))) {
                RemoteFiles files = s.files();
                files.writeFileAtomically(existing, "{}\n".getBytes(StandardCharsets.UTF_8), "daemon", "root", 0600);

                assertEquals(RemoteFiles.WriteOutcome.REPLACED, files.writeFileKeepingMode(existing,
                        "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), "root", "root", 0644));
                assertEquals("daemon root 600", stat(s, existing));
                assertEquals("{\"a\":1}\n", Files.readString(Path.of(existing)));

                assertEquals(RemoteFiles.WriteOutcome.CREATED, files.writeFileKeepingMode(fresh,
                        "x\n".getBytes(StandardCharsets.UTF_8), "root", "root", 0644));
                assertEquals("root root 644", stat(s, fresh));
            }
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            Path remoteDir = Files.createDirectories(dir.resolve("remote"));
            Path file = remoteDir.resolve("f.conf");
            Files.writeString(file, "old\n");
            try (HostSession s = client.connector().open(TestClient.target("node12", sshd, key))) {
                OvlException e = assertThrows(OvlException.class, () -> s.files().writeFileAtomically(file.toString(),
                        "new\n".getBytes(StandardCharsets.UTF_8), "no-such-user-ovl", "root", 0644));
                assertTrue(e.getMessage().startsWith("host node12: chown " + file + ": `chown -- no-such-user-ovl:root"),
                        e.getMessage());
            }
            assertEquals("old\n", Files.readString(file));
            try (var listing = Files.list(remoteDir)) {
                assertEquals(List.of(file), listing.toList());
            }
        }
    }

    private static String stat(HostSession s, String path) {
        return s.run(RemoteCommand.of("stat", "-c", "%U %G %a", "--", path)).requireSuccess("stat").stdoutText().strip();
    }
}
