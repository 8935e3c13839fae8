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
 */
public record SshSettings(
        String user,
        int port,
        List<Path> identityFiles,
        Optional<Path> knownHosts,
        HostKeyPolicy hostKeyPolicy,
        Become become,
        Optional<String> proxyJump,
        Duration connectTimeout,
        Duration commandTimeout) {

    public static final SshSettings DEFAULTS = new SshSettings("root", 22, List.of(), Optional.empty(),
            HostKeyPolicy.STRICT, Become.NONE, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public SshSettings {
        Objects.requireNonNull(user, "user");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(proxyJump, "proxyJump");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** These settings with every key the override sets replaced; unset keys keep this value. */
    public SshSettings merge(SshOverrides o) {
        return new SshSettings(
                o.user().orElse(user),
                o.port().orElse(port),
                o.identityFiles().orElse(identityFiles),
                o.knownHosts().or(() -> knownHosts),
                o.hostKeyPolicy().orElse(hostKeyPolicy),
                o.become().orElse(become),
                o.proxyJump().or(() -> proxyJump),
                o.connectTimeout().orElse(connectTimeout),
                o.commandTimeout().orElse(commandTimeout));
    }
}
