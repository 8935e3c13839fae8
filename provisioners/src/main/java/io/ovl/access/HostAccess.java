package io.ovl.access;

import io.ovl.ssh.SshTarget;
import io.ovl.topology.Become;
import io.ovl.topology.Host;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a {@link Topology} onto {@link SshTarget}s: the one adapter every command that touches
 * hosts uses, so "how do I reach host X" is answered in one place.
 *
 * <p>Each host's {@code ssh:} settings are already merged with the file's defaults by the loader;
 * this class only translates them. Relative paths (identity files, known_hosts) are resolved
 * against the topology file's directory, so a topology next to its key works from any working
 * directory. The loader resolves them too; doing it again here keeps the mapping correct for a
 * {@link Topology} built in code.
 *
 * <p>User and port go to the target only when the file sets them; unset, they are left to
 * OpenSSH's own resolution (~/.ssh/config, then ssh's defaults), as the ssh layer documents.
 */
public final class HostAccess {
    private final Path topologyDir;

    /** @param topologyFile the file the topology was loaded from (its directory anchors relative paths) */
    public static HostAccess forTopologyFile(Path topologyFile) {
        Path dir = topologyFile.toAbsolutePath().getParent();
        return new HostAccess(dir == null ? Path.of("").toAbsolutePath() : dir);
    }

    public HostAccess(Path topologyDir) {
        this.topologyDir = Objects.requireNonNull(topologyDir, "topologyDir").toAbsolutePath();
    }

    /** One target per host, in topology order. */
    public List<SshTarget> targets(Topology topology) {
        return topology.hosts().stream().map(this::target).toList();
    }

    /** How to reach {@code host}; the target's label is the host's topology name. */
    public SshTarget target(Host host) {
        SshSettings s = host.ssh();
        return new SshTarget(
                host.name(),
                host.address(),
                s.port(),
                s.user(),
                s.identityFiles().stream().map(this::resolve).toList(),
                s.knownHosts().map(this::resolve).stream().toList(),
                switch (s.hostKeyPolicy()) {
                    case STRICT -> SshTarget.HostKeyPolicy.STRICT;
                    case ACCEPT_NEW -> SshTarget.HostKeyPolicy.ACCEPT_NEW;
                },
                switch (s.become()) {
                    case NONE -> SshTarget.Become.NONE;
                    case SUDO -> SshTarget.Become.SUDO;
                    case DOAS -> SshTarget.Become.DOAS;
                },
                s.proxyJump(),
                s.connectTimeout(),
                s.commandTimeout(),
                // The variable's name only; the ssh layer reads it (or asks) once per run.
                s.become() == Become.SUDO ? s.becomePasswordEnv() : Optional.empty());
    }

    private Path resolve(Path p) {
        return topologyDir.resolve(p).normalize();
    }
}
