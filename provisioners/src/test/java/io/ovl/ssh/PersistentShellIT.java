package io.ovl.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.OvlException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent shell behind {@link HostSession#run} against a REAL OpenSSH server on loopback:
 * one shell serves every command of a session, each command keeps its own status, output and
 * input, a concurrent caller gets a shell of its own instead of waiting, and a shell that timed
 * out or died is replaced.
 */
class PersistentShellIT {

    @TempDir
    Path dir;

    private interface SessionTest {
        void run(HostSession s) throws Exception;
    }

    private void withSession(Duration commandTimeout, SessionTest test) throws Exception {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshTarget t = TestClient.target("node1", sshd, key).withTimeouts(Duration.ofSeconds(5), commandTimeout);
            try (HostSession s = client.connector().open(t)) {
                test.run(s);
            }
        }
    }

    @Test
    void oneShellServesManyCommandsEachWithItsOwnStatusOutputAndInput() throws Exception {
        withSession(Duration.ofSeconds(20), s -> {
            // The shell's own PID is the same for every command: one shell, not one per command.
            String pid1 = s.run(RemoteCommand.script("echo $PPID")).requireSuccess("pid").stdoutText();
            CommandResult failed = s.run(RemoteCommand.script("echo out; echo err >&2; exit 7"));
            assertEquals(7, failed.exitCode());
            assertEquals("out\n", failed.stdoutText());
            assertEquals("err\n", failed.stderrText());
            // No trailing newline, and text that looks like a frame without the random marker.
            CommandResult noNewline = s.run(RemoteCommand.of("printf", "%s", "\novl-shell-0123 0 0\nlast"));
            assertEquals("\novl-shell-0123 0 0\nlast", noNewline.stdoutText());
            byte[] every = new byte[256 * 40];
            for (int i = 0; i < every.length; i++) {
                every[i] = (byte) i;
            }
            CommandResult echoed = s.run(RemoteCommand.of("cat").withStdin(every));
            assertArrayEquals(every, echoed.stdout());
            // A command that reads stdin without being given any sees end of input, not the shell's script.
            assertEquals("", s.run(RemoteCommand.of("cat")).stdoutText());
            String pid2 = s.run(RemoteCommand.script("echo $PPID")).requireSuccess("pid").stdoutText();
            assertEquals(pid1, pid2);
            assertEquals(1, s.shellsOpened());
        });
    }

    @Test
    void aConcurrentCallerGetsAShellOfItsOwnInsteadOfWaiting() throws Exception {
        withSession(Duration.ofSeconds(30), s -> {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<CommandResult> slow = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                return s.run(RemoteCommand.of("sleep", "8"));
            });
            assertTrue(started.await(5, TimeUnit.SECONDS));
            Thread.sleep(500); // the sleep has taken its shell
            assertEquals("root", s.run(RemoteCommand.of("id", "-un")).stdoutText().strip());
            assertFalse(slow.isDone(), "the second command finished while the first still ran: it did not wait");
            assertEquals(0, slow.get(20, TimeUnit.SECONDS).exitCode());
            assertEquals(2, s.shellsOpened());
            // Both shells are idle again: the next command opens none.
            s.run(RemoteCommand.of("true"));
            assertEquals(2, s.shellsOpened());
        });
    }

    @Test
    void aTimedOutOrDeadShellIsReplacedAndTheErrorNamesHostAndCommand() throws Exception {
        withSession(Duration.ofSeconds(2), s -> {
            OvlException timeout = assertThrows(OvlException.class, () -> s.run(RemoteCommand.of("sleep", "30")));
            assertEquals("host node1: run `sleep 30`: timed out after 2s (command-timeout)", timeout.getMessage());
            assertEquals("root", s.run(RemoteCommand.of("id", "-un")).stdoutText().strip());
            assertEquals(2, s.shellsOpened());

            OvlException died = assertThrows(OvlException.class,
                    () -> s.run(RemoteCommand.script("kill -9 $PPID")));
            assertTrue(died.getMessage().startsWith("host node1: run `sh -c 'kill -9 $PPID' sh`: "), died.getMessage());
            assertEquals("root", s.run(RemoteCommand.of("id", "-un")).stdoutText().strip());
            assertEquals(3, s.shellsOpened());
        });
    }

    @Test
    void aLentSessionSharesTheShellsOfItsConnection() throws Exception {
        withSession(Duration.ofSeconds(20), s -> {
            s.run(RemoteCommand.of("true"));
            HostSession lent = s.lent();
            lent.run(RemoteCommand.of("true"));
            lent.close(); // a borrower's close leaves connection and shells open
            assertEquals(0, s.run(RemoteCommand.of("true")).exitCode());
            assertEquals(1, s.shellsOpened());
        });
    }

    @Test
    void closingTheSessionEndsItsShell() throws Exception {
        Path key = TestKeys.generate(dir.resolve("keys"), "ed25519", "");
        try (LoopbackSshd sshd = LoopbackSshd.start(dir.resolve("sshd"), TestKeys.publicKey(key))) {
            TestClient client = new TestClient(dir.resolve("client"));
            client.trust(sshd);
            SshTarget t = TestClient.target("node1", sshd, key);
            String pid;
            try (HostSession s = client.connector().open(t)) {
                pid = s.run(RemoteCommand.script("echo $PPID")).requireSuccess("pid").stdoutText().strip();
                assertTrue(alive(pid));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (alive(pid) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(!alive(pid), "shell " + pid + " still runs after the session closed");
        }
    }

    private static boolean alive(String pid) throws IOException {
        return java.nio.file.Files.exists(Path.of("/proc", pid));
    }
}
