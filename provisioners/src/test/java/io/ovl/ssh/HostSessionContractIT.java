package io.ovl.ssh;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** The shell contract against a REAL {@link HostSession} on a loopback sshd. */
class HostSessionContractIT extends RemoteShellContract {

    @TempDir
    static Path dir;
    static LoopbackSshd sshd;
    static HostSession session;

    @BeforeAll
    static void connect() throws IOException {
        LoopbackSshd.assumeAvailable();
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key));
        TestClient client = new TestClient(dir.resolve("client"));
        client.trust(sshd);
        session = client.connector().open(TestClient.target(HOST, sshd, key));
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Override
    RemoteShell shell() {
        return session;
    }

    @Override
    void given(RemoteCommand command, int exitCode, byte[] stdout, String stderr) {
        // A real host needs no script.
    }
}
