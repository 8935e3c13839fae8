package io.ovl.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one host over SSH, fully resolved: the file's {@code ssh:} defaults with the host's
 * own {@code ssh:} overrides applied ({@link #merge}). Paths are absolute ({@code ~} expanded,
 * relative paths resolved against the topology file's directory).
 *
 * <p>{@code becomePasswordEnv} names the environment variable that holds the sudo password
 * ({@code become-password-env}); the password itself is never part of the topology.
 */
public record SshSettings(
        Optional<String> user,
        Optional<Integer> port,
        List<Path> identityFiles,
        Optional<Path> knownHosts,
        HostKeyPolicy hostKeyPolicy,
        Become become,
        Optional<String> proxyJump,
        Duration connectTimeout,
        Duration commandTimeout,
        Optional<String> becomePasswordEnv) {

    /**
     * User and port are left to OpenSSH when the file does not set them: {@code ssh -G} then
     * applies ~/.ssh/config (User, Port) and its own defaults (the local user name, 22), as ssh does.
     */
    public static final SshSettings DEFAULTS = new SshSettings(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
            HostKeyPolicy.STRICT, Become.NONE, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Optional.empty());

    /** Settings without a password variable (sudo -n, doas -n, or none). */
    public SshSettings(Optional<String> user, Optional<Integer> port, List<Path> identityFiles, Optional<Path> knownHosts,
                       HostKeyPolicy hostKeyPolicy, Become become, Optional<String> proxyJump, Duration connectTimeout,
                       Duration commandTimeout) {
        this(user, port, identityFiles, knownHosts, hostKeyPolicy, become, proxyJump, connectTimeout, commandTimeout,
                Optional.empty());
    }

    public SshSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(port, "port");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(proxyJump, "proxyJump");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(becomePasswordEnv, "becomePasswordEnv");
    }

    /** These settings with every key the override sets replaced; unset keys keep this value. */
    public SshSettings merge(SshOverrides o) {
        return new SshSettings(
                o.user().or(() -> user),
                o.port().or(() -> port),
                o.identityFiles().orElse(identityFiles),
                o.knownHosts().or(() -> knownHosts),
                o.hostKeyPolicy().orElse(hostKeyPolicy),
                o.become().orElse(become),
                o.proxyJump().or(() -> proxyJump),
                o.connectTimeout().orElse(connectTimeout),
                o.commandTimeout().orElse(commandTimeout),
                o.becomePasswordEnv().or(() -> becomePasswordEnv));
    }
}
