package io.ovl.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one host over SSH, as the topology says it. Values the topology leaves out are
 * {@code Optional.empty()} (or an empty list) so the user's OpenSSH client configuration can supply
 * them: see {@link SshConfigResolver} for the precedence.
 *
 * @param label            the topology host name; every error about this host starts with it
 * @param address          what SSH connects to: an IP, a DNS name or a {@code ~/.ssh/config} alias
 * @param port             explicit port, or empty for ssh config / 22
 * @param user             explicit login user, or empty for ssh config / the local user
 * @param identityFiles    private keys to try (after the ssh-agent's keys), before ssh config's
 * @param knownHostsFiles  extra known_hosts files, checked besides the user's own
 * @param hostKeyPolicy    what to do with a host key that is not known yet
 * @param become           whether commands run as the login user, through sudo, or through doas
 * @param becomePasswordEnv with become sudo: the name of the environment variable holding the sudo
 *                         password (never the password); empty for passwordless {@code sudo -n}
 * @param proxyJump        explicit ProxyJump ({@code [user@]host[:port][,...]}), or empty for ssh config
 * @param connectTimeout   limit for TCP connect, key exchange and authentication
 * @param commandTimeout   limit for each remote command
 */
public record SshTarget(
        String label,
        String address,
        Optional<Integer> port,
        Optional<String> user,
        List<Path> identityFiles,
        List<Path> knownHostsFiles,
        HostKeyPolicy hostKeyPolicy,
        Become become,
        Optional<String> proxyJump,
        Duration connectTimeout,
        Duration commandTimeout,
        Optional<String> becomePasswordEnv) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    /** Whether an unknown host key is refused (OpenSSH's StrictHostKeyChecking=yes) or recorded. */
    public enum HostKeyPolicy { STRICT, ACCEPT_NEW }

    /** Whether remote commands run as the login user, through sudo or through {@code doas -n --}. */
    public enum Become { NONE, SUDO, DOAS }

    public SshTarget {
        requireText(label, "label");
        requireText(address, "address");
        // An address starting with '-' would be read as an option by ssh -G.
        if (address.startsWith("-")) {
            throw new IllegalArgumentException("host " + label + ": address must not start with '-': " + address);
        }
        Objects.requireNonNull(port, "port");
        port.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("host " + label + ": port " + p + " is not in 1..65535");
            }
        });
        Objects.requireNonNull(user, "user");
        identityFiles = List.copyOf(identityFiles);
        knownHostsFiles = List.copyOf(knownHostsFiles);
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(proxyJump, "proxyJump");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        Objects.requireNonNull(becomePasswordEnv, "becomePasswordEnv");
        if (becomePasswordEnv.isPresent() && become != Become.SUDO) {
            throw new IllegalArgumentException("host " + label + ": a become password goes with become sudo only");
        }
    }

    /** A target without a password variable (passwordless sudo, doas, or none). */
    public SshTarget(String label, String address, Optional<Integer> port, Optional<String> user, List<Path> identityFiles,
                     List<Path> knownHostsFiles, HostKeyPolicy hostKeyPolicy, Become become, Optional<String> proxyJump,
                     Duration connectTimeout, Duration commandTimeout) {
        this(label, address, port, user, identityFiles, knownHostsFiles, hostKeyPolicy, become, proxyJump,
                connectTimeout, commandTimeout, Optional.empty());
    }

    /** A target with nothing explicit: ssh config and OpenSSH defaults decide, strict host keys. */
    public static SshTarget of(String label, String address) {
        return new SshTarget(label, address, Optional.empty(), Optional.empty(), List.of(), List.of(),
                HostKeyPolicy.STRICT, Become.NONE, Optional.empty(),
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    public SshTarget withPort(int newPort) {
        return new SshTarget(label, address, Optional.of(newPort), user, identityFiles, knownHostsFiles,
                hostKeyPolicy, become, proxyJump, connectTimeout, commandTimeout, becomePasswordEnv);
    }

    public SshTarget withUser(String newUser) {
        return new SshTarget(label, address, port, Optional.of(newUser), identityFiles, knownHostsFiles,
                hostKeyPolicy, become, proxyJump, connectTimeout, commandTimeout, becomePasswordEnv);
    }

    public SshTarget withIdentityFiles(List<Path> files) {
        return new SshTarget(label, address, port, user, files, knownHostsFiles,
                hostKeyPolicy, become, proxyJump, connectTimeout, commandTimeout, becomePasswordEnv);
    }

    public SshTarget withKnownHostsFiles(List<Path> files) {
        return new SshTarget(label, address, port, user, identityFiles, files,
                hostKeyPolicy, become, proxyJump, connectTimeout, commandTimeout, becomePasswordEnv);
    }

    public SshTarget withHostKeyPolicy(HostKeyPolicy policy) {
        return new SshTarget(label, address, port, user, identityFiles, knownHostsFiles,
                policy, become, proxyJump, connectTimeout, commandTimeout, becomePasswordEnv);
    }

    public SshTarget withBecome(Become newBecome) {
        return new SshTarget(label, address, port, user, identityFiles, knownHostsFiles,
                hostKeyPolicy, newBecome, proxyJump, connectTimeout, commandTimeout,
                newBecome == Become.SUDO ? becomePasswordEnv : Optional.empty());
    }

    /** sudo with the password held by environment variable {@code variable} (the name, not the password). */
    public SshTarget withSudoPasswordFrom(String variable) {
        return new SshTarget(label, address, port, user, identityFiles, knownHostsFiles,
                hostKeyPolicy, Become.SUDO, proxyJump, connectTimeout, commandTimeout, Optional.of(variable));
    }

    public SshTarget withProxyJump(String jump) {
        return new SshTarget(label, address, port, user, identityFiles, knownHostsFiles,
                hostKeyPolicy, become, Optional.of(jump), connectTimeout, commandTimeout, becomePasswordEnv);
    }

    public SshTarget withTimeouts(Duration connect, Duration command) {
        return new SshTarget(label, address, port, user, identityFiles, knownHostsFiles,
                hostKeyPolicy, become, proxyJump, connect, command, becomePasswordEnv);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("SshTarget." + field + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String field) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("SshTarget." + field + " must be a positive duration");
        }
    }
}
