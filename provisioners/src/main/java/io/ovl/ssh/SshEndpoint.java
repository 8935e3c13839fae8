package io.ovl.ssh;

import io.ovl.core.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully resolved SSH destination: topology values merged with the user's OpenSSH configuration
 * by {@link SshConfigResolver}. This is what a {@link HostSession} connects to.
 *
 * @param label           topology host name (jump hosts: {@code "node2 (jump host bastion)"})
 * @param hostName        the name or IP the TCP connection goes to
 * @param port            TCP port
 * @param user            login user
 * @param identityFiles   private key files to try, in order, after the ssh-agent's keys
 * @param knownHostsFiles known_hosts files read for host key checks, in order (user's and global ones)
 * @param recordKnownHostsFiles the files accept-new may write to, in order (topology's, then
 *                        UserKnownHostsFile; never the global ones): the first writable is used
 * @param hostKeyAlias    name to look up in known_hosts instead of {@code hostName} (OpenSSH HostKeyAlias)
 * @param jumps           jump hosts to pass through, first one connected directly
 * @param hostKeyPolicy   strict or accept-new
 * @param become          none or sudo
 * @param connectTimeout  limit for connect, key exchange and authentication
 * @param commandTimeout  limit for each command
 */
public record SshEndpoint(
        String label,
        String hostName,
        int port,
        String user,
        List<Path> identityFiles,
        List<Path> knownHostsFiles,
        List<Path> recordKnownHostsFiles,
        Optional<String> hostKeyAlias,
        List<SshEndpoint> jumps,
        SshTarget.HostKeyPolicy hostKeyPolicy,
        SshTarget.Become become,
        Duration connectTimeout,
        Duration commandTimeout) {

    public SshEndpoint {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(user, "user");
        identityFiles = List.copyOf(identityFiles);
        knownHostsFiles = List.copyOf(knownHostsFiles);
        recordKnownHostsFiles = List.copyOf(recordKnownHostsFiles);
        Objects.requireNonNull(hostKeyAlias, "hostKeyAlias");
        jumps = List.copyOf(jumps);
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** {@code host:port}, as used in error messages ("connect to 198.18.1.12:22"). */
    public String hostAndPort() {
        return HostPort.of(hostName, port);
    }
}
