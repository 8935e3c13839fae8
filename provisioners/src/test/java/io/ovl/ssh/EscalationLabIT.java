package io.ovl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.docker.DockerClients;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privilege escalation as operators have it, on REAL lab hosts (Engine 20.10 / Debian 12, sudo
 * 1.9.13, OpenDoas 6.8.2): h2's sudo asks user ovl for a password ({@code lab/up --sudo-password
 * h2}), h3 has doas with {@code permit nopass ovl as root} and no sudo rule for ovl
 * ({@code --doas h3}). Escalations are counted in the hosts' journals, where sudo and doas log
 * every session they open.
 */
class EscalationLabIT {
    static final String VAR = "OVL_SUDO_PASSWORD";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("esc", LabLayout.of("20.10", "20.10", "20.10").withSudoPassword("h2").withDoas("h3"));
    static TestClient client;
    static LabHost h2;
    static LabHost h3;
    static String password;

    @BeforeAll
    static void up() throws IOException {
        client = new TestClient(dir.resolve("client"));
        Files.copy(LAB.lab().knownHostsPath(), client.knownHosts);
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        password = LAB.lab().sudoPassword();
        assertTrue(password.contains(" ") && password.contains("'"), "the lab's password has characters a shell would mangle");
    }

    static SshTarget target(LabHost h) {
        return SshTarget.of(h.name(), h.address()).withUser("ovl").withIdentityFiles(List.of(LAB.lab().keyPath()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    static SshConnector connector(Map<String, String> env) {
        return new SshConnector(client.env, PassphrasePrompt.none(), BecomePasswords.of(env));
    }

    /** Sessions the host's journal has recorded for {@code program} (sudo: "COMMAND=", doas: "ran command"). */
    static long sessions(LabHost h, String program) {
        String pattern = program.equals("sudo") ? "COMMAND=" : "ran command";
        // By identifier, not _COMM: doas execs the command in its own process, which journald may see as sh already.
        return Long.parseLong(LAB.lab().exec(h, "sh", "-c", "journalctl --no-pager -o cat SYSLOG_IDENTIFIER=" + program
                + " | grep -c '" + pattern + "' || true").stdout().strip());
    }

    /**
     * {@link #sessions} once it reached {@code expected} over {@code before}, or after 10 s: sudo and
     * doas log through syslog, which journald may write a moment after the command returned.
     */
    static long sessionsSince(LabHost h, String program, long before, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long n = sessions(h, program) - before;
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            n = sessions(h, program) - before;
        }
        return n;
    }

    /** The host's whole journal (sudo's, doas's and sshd's lines among it): it must never hold the password. */
    static String authLog(LabHost h) {
        return LAB.lab().exec(h, "sh", "-c", "journalctl --no-pager -o cat || true").stdout();
    }

    @Test
    void sudoWithThePasswordFromItsVariableEscalatesOncePerShellForCommandsDockerAndProbes() throws Exception {
        String rootId = LAB.lab().exec(h2, "docker", "info", "--format", "{{.ID}}").stdout().strip();
        long before = sessions(h2, "sudo");
        StringBuilder seen = new StringBuilder();
        try (HostSession s = connector(Map.of(VAR, password)).open(target(h2).withSudoPasswordFrom(VAR))) {
            for (int i = 0; i < 5; i++) {
                CommandResult r = s.run(RemoteCommand.of("id", "-u"));
                seen.append(r.stdoutText()).append(r.stderrText());
                assertEquals("0", r.requireSuccess("id").stdoutText().strip());
            }
            // Input still reaches commands: sudo took only its line of the shell's stdin.
            assertEquals("through", s.run(RemoteCommand.of("cat").withStdin("through".getBytes())).stdoutText());
            DockerClient docker = DockerClients.over(s);
            assertEquals(rootId, docker.infoCmd().exec().getId(), "the Docker API through the relay");
            assertEquals(1, s.shellsOpened(), "one privileged shell for every command and the relay");
            // The port probe's path: a privileged command on its own channel, given the password too.
            StartedCommand started = s.start(RemoteCommand.of("sh", "-c", "id -u; read line; echo \"got $line\""), true);
            assertEquals("0", started.readLine(Duration.ofSeconds(30)).orElseThrow());
            assertTrue(started.writeLine("GO"));
            assertEquals("got GO", started.readLine(Duration.ofSeconds(30)).orElseThrow());
            CommandResult r = started.finish(Duration.ofSeconds(30));
            seen.append(r.stdoutText()).append(r.stderrText());
            started.close();
        }
        assertEquals(2, sessionsSince(h2, "sudo", before, 2), "one sudo for the shell, one for the started command");
        assertFalse(seen.toString().contains(password), "the password in a command's output");
        assertFalse(authLog(h2).contains(password), "the password in the host's auth log");
    }

    @Test
    void aSecondShellOfTheSameHostGetsThePasswordToo() throws Exception {
        try (HostSession s = connector(Map.of(VAR, password)).open(target(h2).withSudoPasswordFrom(VAR))) {
            s.ready();
            CompletableFuture<CommandResult> slow = CompletableFuture.supplyAsync(
                    () -> s.run(RemoteCommand.script("sleep 2; id -u")));
            Thread.sleep(300);
            assertEquals("0", s.run(RemoteCommand.of("id", "-u")).stdoutText().strip());
            assertEquals("0", slow.get().stdoutText().strip());
            assertEquals(2, s.shellsOpened());
        }
    }

    @Test
    void aWrongPasswordFailsFastNamingTheHostAndTheVariable() {
        String wrong = "not-" + password;
        long t0 = System.nanoTime();
        OvlException e = assertThrows(OvlException.class, () -> {
            try (HostSession s = connector(Map.of(VAR, wrong)).open(target(h2).withSudoPasswordFrom(VAR))) {
                s.run(RemoteCommand.of("id", "-u"));
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertEquals("host " + h2.name() + ": sudo refused the password from " + VAR + " (for user ovl)", e.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took + " (sudo would have asked three times)");
        assertFalse(authLog(h2).contains(wrong), "the wrong password in the host's auth log");
    }

    @Test
    void anUnsetVariableStopsBeforeConnectingAndPasswordlessSudoSaysWhatToDo() {
        OvlException unset = assertThrows(OvlException.class,
                () -> connector(Map.of()).open(target(h2).withSudoPasswordFrom(VAR)).close());
        assertEquals(ExitCode.USAGE, unset.exitCode());
        assertTrue(unset.getMessage().startsWith("host " + h2.name() + ": become-password-env names " + VAR
                + ", which is not set"), unset.getMessage());
        OvlException nopass = assertThrows(OvlException.class, () -> {
            try (HostSession s = connector(Map.of()).open(target(h2).withBecome(SshTarget.Become.SUDO))) {
                s.run(RemoteCommand.of("id", "-u"));
            }
        });
        assertTrue(nopass.getMessage().contains("sudo needs a password for user ovl")
                && nopass.getMessage().contains("ssh.become-password-env"), nopass.getMessage());
    }

    @Test
    void withoutSocketForwardingTheDockerApiReachesTheRelayAsTheLoginUser() throws Exception {
        String rootId = LAB.lab().exec(h2, "docker", "info", "--format", "{{.ID}}").stdout().strip();
        LAB.lab().exec(h2, "sh", "-c", "printf 'AllowStreamLocalForwarding no\\n' >/etc/ssh/sshd_config.d/00-ovl-test.conf");
        LAB.lab().restartSsh(h2);
        try {
            long before = sessions(h2, "sudo");
            try (HostSession s = connector(Map.of(VAR, password)).open(target(h2).withSudoPasswordFrom(VAR))) {
                DockerClient docker = DockerClients.over(s);
                for (int i = 0; i < 3; i++) {
                    assertEquals(rootId, docker.infoCmd().exec().getId());
                }
            }
            assertEquals(1, sessionsSince(h2, "sudo", before, 2), "no sudo per request: `docker -H unix://RELAY system dial-stdio`");
        } finally {
            LAB.lab().exec(h2, "rm", "-f", "/etc/ssh/sshd_config.d/00-ovl-test.conf");
            LAB.lab().restartSsh(h2);
        }
    }

    @Test
    void doasBecomesRootOncePerShellWithoutSudo() throws Exception {
        String rootId = LAB.lab().exec(h3, "docker", "info", "--format", "{{.ID}}").stdout().strip();
        long before = sessions(h3, "doas");
        try (HostSession s = connector(Map.of()).open(target(h3).withBecome(SshTarget.Become.DOAS))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("0", s.run(RemoteCommand.of("id", "-u")).stdoutText().strip());
            }
            assertEquals(rootId, DockerClients.over(s).infoCmd().exec().getId(), "the Docker API through the relay");
            StartedCommand started = s.start(RemoteCommand.of("id", "-u"), true);
            assertEquals("0", started.finish(Duration.ofSeconds(30)).stdoutText().strip());
            started.close();
            assertEquals(1, s.shellsOpened());
            // Proof that doas did it: ovl has no sudo rule on this host.
            assertEquals("1", s.run(RemoteCommand.script("su -s /bin/sh ovl -c 'sudo -n true' 2>/dev/null; echo $?"))
                    .stdoutText().strip(), "ovl's sudo refuses on the doas host");
        }
        assertEquals(2, sessionsSince(h3, "doas", before, 2), "one doas for the shell, one for the started command: "
                + LAB.lab().exec(h3, "sh", "-c", "journalctl --no-pager -o cat SYSLOG_IDENTIFIER=doas | tail -n 5").stdout());
    }
}
