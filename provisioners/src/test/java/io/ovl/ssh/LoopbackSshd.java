package io.ovl.ssh;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: a REAL OpenSSH server on 127.0.0.1 with its own host key, authorized_keys and
 * config in a temporary directory, started as {@code sshd -D -e -f CONFIG -p PORT}. Tests that
 * use it are {@code *IT} and are skipped (JUnit assumption) when not root or sshd is missing.
 * Logins are as root (the only user guaranteed on this machine) with public keys only.
 */
public final class LoopbackSshd implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final Path hostKey;
    private final Path authorizedKeys;
    private final String logLevel;
    private int port;
    private Process process;
    private Path log;

    private LoopbackSshd(Path dir, String logLevel) {
        this.dir = dir;
        this.hostKey = dir.resolve("ssh_host_ed25519_key");
        this.authorizedKeys = dir.resolve("authorized_keys");
        this.logLevel = logLevel;
    }

    /** Skips the calling test unless a real sshd can be run here. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: a loopback sshd needs root (run the ITs as root)");
        Assumptions.assumeTrue(Files.isExecutable(SSHD), "skipped: " + SSHD + " is not installed (openssh-server)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "skipped: ssh-keygen is missing");
    }

    /** Starts an sshd that accepts the given public keys for root. */
    public static LoopbackSshd start(Path dir, String... authorizedPublicKeys) throws IOException {
        return startLogging(dir, "INFO", authorizedPublicKeys);
    }

    /** With sshd's LogLevel (e.g. DEBUG1 to see direct-tcpip requests in {@link #log()}). */
    public static LoopbackSshd startLogging(Path dir, String logLevel, String... authorizedPublicKeys) throws IOException {
        assumeAvailable();
        Files.createDirectories(dir);
        LoopbackSshd sshd = new LoopbackSshd(dir, logLevel);
        TestKeys.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", sshd.hostKey.toString()));
        Files.writeString(sshd.authorizedKeys, String.join("\n", authorizedPublicKeys) + "\n");
        sshd.port = freePort();
        sshd.launch();
        return sshd;
    }

    private void launch() throws IOException {
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory sshd insists on
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + authorizedKeys,
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AllowTcpForwarding yes",
                "PidFile none",
                "LogLevel " + logLevel,
                "Subsystem sftp internal-sftp",
                ""));
        log = dir.resolve("sshd-" + port + ".log");
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        waitUntilListening();
    }

    private void waitUntilListening() throws IOException {
        // Readiness poll (not a timing assertion): sshd takes a few ms to bind.
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(25);
            }
        }
        throw new IOException("sshd did not listen on port " + port + ": " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public Path hostKeyPub() {
        return Path.of(hostKey + ".pub");
    }

    /** {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}: a known_hosts line for this server. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(hostKeyPub(), StandardCharsets.UTF_8).strip().split("\\s+");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Gives the server a new host key and restarts it on the same port: a "changed key". */
    public void regenerateHostKeyAndRestart() throws IOException {
        stop();
        Files.delete(hostKey);
        Files.delete(hostKeyPub());
        TestKeys.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        launch();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
