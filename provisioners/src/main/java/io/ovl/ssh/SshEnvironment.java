package io.ovl.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local machine provides to SSH: the home directory (for {@code ~}), the local user name,
 * an explicit OpenSSH config file (as {@code ssh -F}), the ssh-agent socket and the {@code ssh}
 * client used to resolve configuration. Passed in rather than read from globals so tests run
 * with a temporary home and never touch the real {@code ~/.ssh}.
 */
public record SshEnvironment(
        Path home,
        String localUser,
        Optional<Path> sshConfigFile,
        Optional<Path> agentSocket,
        Optional<Path> sshClient) {

    public SshEnvironment {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(localUser, "localUser");
        Objects.requireNonNull(sshConfigFile, "sshConfigFile");
        Objects.requireNonNull(agentSocket, "agentSocket");
        Objects.requireNonNull(sshClient, "sshClient");
    }

    /** The real environment: user.home, user.name, SSH_AUTH_SOCK, and {@code ssh} found on PATH. */
    public static SshEnvironment fromSystem() {
        String sock = System.getenv("SSH_AUTH_SOCK");
        return new SshEnvironment(
                Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"),
                Optional.empty(),
                sock == null || sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock)),
                findOnPath("ssh"));
    }

    public SshEnvironment withSshConfigFile(Path file) {
        return new SshEnvironment(home, localUser, Optional.of(file), agentSocket, sshClient);
    }

    public SshEnvironment withAgentSocket(Optional<Path> socket) {
        return new SshEnvironment(home, localUser, sshConfigFile, socket, sshClient);
    }

    public SshEnvironment withHome(Path newHome) {
        return new SshEnvironment(newHome, localUser, sshConfigFile, agentSocket, sshClient);
    }

    public SshEnvironment withoutSshClient() {
        return new SshEnvironment(home, localUser, sshConfigFile, agentSocket, Optional.empty());
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
