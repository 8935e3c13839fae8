package io.ovl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.OvlException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session pool against a REAL OpenSSH server on loopback: one connection per host, reopened when it died. */
class CachingSessionPoolIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void sshd() {
        LoopbackSshd.assumeAvailable();
    }

    private static String whoami(HostSession s) {
        return s.run(RemoteCommand.of("id", "-un")).requireSuccess("whoami").stdoutText().strip();
    }

    @Test
    void oneConnectionPerHostAcrossManyUses() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            try (CachingSessionPool pool = CachingSessionPool.over(client.connector())) {
                SshTarget a = TestClient.target("a", sshd, key);
                SshTarget b = TestClient.target("b", sshd, key);
                HostSession first = pool.session(a);
                assertEquals("root", whoami(first));
                assertSame(first.sshClient(), pool.session(a).sshClient(), "the same connection for the same host");
                assertEquals("root", whoami(pool.session(a)));
                assertEquals(1, pool.connectionsOpened());
                assertEquals("root", whoami(pool.session(b)));
                assertEquals(2, pool.connectionsOpened(), "a second host gets its own connection");
            }
        }
    }

    @Test
    void aDeadConnectionIsReopenedAndCloseClosesAll() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshTarget a = TestClient.target("a", sshd, key);
            HostSession reopened;
            try (CachingSessionPool pool = CachingSessionPool.over(client.connector())) {
                HostSession first = pool.session(a);
                first.sshClient().close(); // as if the network dropped between two shell commands
                reopened = pool.session(a);
                assertFalse(first.sshClient() == reopened.sshClient(), "a dead connection is replaced");
                assertEquals("root", whoami(reopened));
                assertEquals(2, pool.connectionsOpened());
            }
            assertFalse(reopened.sshClient().isConnected(), "closing the pool closes its sessions");
        }
    }

    @Test
    void closingALentSessionKeepsTheConnectionForTheNextCommand() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshTarget a = TestClient.target("a", sshd, key);
            try (CachingSessionPool pool = CachingSessionPool.over(client.connector())) {
                HostSession first = pool.session(a);
                first.close(); // what init's and net's hosts do when their command ends
                assertTrue(first.sshClient().isConnected(), "a lent session's close leaves the connection open");
                HostSession next = pool.session(a);
                assertSame(first.sshClient(), next.sshClient());
                assertEquals("root", whoami(next));
                assertEquals(1, pool.connectionsOpened());
            }
        }
    }

    @Test
    void aFailedOpenIsNotKept() throws IOException {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key));
        TestClient client = new TestClient(dir.resolve("client"));
        client.trust(sshd);
        SshTarget a = TestClient.target("a", sshd, key);
        sshd.stop();
        try (CachingSessionPool pool = CachingSessionPool.over(client.connector())) {
            assertThrows(OvlException.class, () -> pool.session(a));
            assertEquals(1, pool.size(), "the host's slot exists");
            assertThrows(OvlException.class, () -> pool.session(a), "and is tried again, not a cached failure");
        } finally {
            sshd.close();
        }
    }
}
