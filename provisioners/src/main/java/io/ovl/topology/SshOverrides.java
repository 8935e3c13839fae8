package io.ovl.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ssh:} keys as written in one place: each one optional, applied with {@link SshSettings#merge}.
 * {@code becomePasswordEnv} is the <em>name</em> of an environment variable, never a password.
 */
public record SshOverrides(
        Optional<String> user,
        Optional<Integer> port,
        Optional<List<Path>> identityFiles,
        Optional<Path> knownHosts,
        Optional<HostKeyPolicy> hostKeyPolicy,
        Optional<Become> become,
        Optional<String> proxyJump,
        Optional<Duration> connectTimeout,
        Optional<Duration> commandTimeout,
        Optional<String> becomePasswordEnv) {

    public static final SshOverrides NONE = new SshOverrides(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** These overrides as they were, without a password variable (for code that builds them by hand). */
    public SshOverrides(Optional<String> user, Optional<Integer> port, Optional<List<Path>> identityFiles,
                        Optional<Path> knownHosts, Optional<HostKeyPolicy> hostKeyPolicy, Optional<Become> become,
                        Optional<String> proxyJump, Optional<Duration> connectTimeout, Optional<Duration> commandTimeout) {
        this(user, port, identityFiles, knownHosts, hostKeyPolicy, become, proxyJump, connectTimeout, commandTimeout,
                Optional.empty());
    }
}
