package io.ovl.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code ssh:} keys as written in one place: each one optional, applied with {@link SshSettings#merge}. */
public record SshOverrides(
        Optional<String> user,
        Optional<Integer> port,
        Optional<List<Path>> identityFiles,
        Optional<Path> knownHosts,
        Optional<HostKeyPolicy> hostKeyPolicy,
        Optional<Become> become,
        Optional<String> proxyJump,
        Optional<Duration> connectTimeout,
        Optional<Duration> commandTimeout) {

    public static final SshOverrides NONE = new SshOverrides(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
