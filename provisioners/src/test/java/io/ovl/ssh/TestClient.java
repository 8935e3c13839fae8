package io.ovl.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Test support: a client side that never touches the real ~/.ssh. A temporary home, an OpenSSH
 * config file (used as {@code ssh -F}) that points UserKnownHostsFile at a temporary file, and no
 * ssh-agent unless a test adds one.
 */
public final class TestClient {
    public final Path home;
    public final Path config;
    public final Path knownHosts;
    public final SshEnvironment env;

    public TestClient(Path dir) throws IOException {
        this.home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        this.knownHosts = home.resolve(".ssh/known_hosts");
        this.config = dir.resolve("ssh_config");
        Files.writeString(config, "UserKnownHostsFile " + knownHosts + "\nGlobalKnownHostsFile /dev/null\n");
        this.env = new SshEnvironment(home, "root", Optional.of(config), Optional.empty(),
                SshEnvironment.findOnPath("ssh"));
    }

    public SshConnector connector() {
        return new SshConnector(env, PassphrasePrompt.none());
    }

    public void trust(LoopbackSshd sshd) throws IOException {
        Files.writeString(knownHosts, sshd.knownHostsLine() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Root on the loopback sshd with the given key, short timeouts. */
    public static SshTarget target(String label, LoopbackSshd sshd, Path key) {
        return SshTarget.of(label, "127.0.0.1").withPort(sshd.port()).withUser("root")
                .withIdentityFiles(List.of(key))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }
}
