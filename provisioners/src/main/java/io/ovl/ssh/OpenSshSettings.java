package io.ovl.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings ovl uses from OpenSSH's fully resolved client configuration, as printed by
 * {@code ssh -G HOST}. That output is already evaluated by OpenSSH (Host and Match blocks,
 * Include, defaults, first-value-wins), one {@code keyword value} per line, so reading it is not a
 * configuration parser: {@link #parse(String)} only splits lines.
 *
 * <p>Paths are raw: {@code identityfile} lines keep {@code ~} and {@code %} tokens, which
 * {@link SshConfigResolver} expands.
 */
public record OpenSshSettings(
        String hostName,
        Optional<String> user,
        Optional<Integer> port,
        List<String> identityFiles,
        List<String> userKnownHostsFiles,
        List<String> globalKnownHostsFiles,
        Optional<String> proxyJump,
        Optional<String> proxyCommand,
        Optional<String> hostKeyAlias,
        Optional<Duration> connectTimeout) {

    public OpenSshSettings {
        identityFiles = List.copyOf(identityFiles);
        userKnownHostsFiles = List.copyOf(userKnownHostsFiles);
        globalKnownHostsFiles = List.copyOf(globalKnownHostsFiles);
    }

    /**
     * Reads {@code ssh -G} output. Unknown keywords are ignored; {@code none} means unset, as in
     * OpenSSH.
     *
     * @throws IllegalArgumentException when the output has no {@code hostname} line (not ssh -G output)
     */
    public static OpenSshSettings parse(String sshGOutput) {
        String hostName = null;
        Optional<String> user = Optional.empty();
        Optional<Integer> port = Optional.empty();
        List<String> identityFiles = new ArrayList<>();
        List<String> userKnownHosts = new ArrayList<>();
        List<String> globalKnownHosts = new ArrayList<>();
        Optional<String> proxyJump = Optional.empty();
        Optional<String> proxyCommand = Optional.empty();
        Optional<String> hostKeyAlias = Optional.empty();
        Optional<Duration> connectTimeout = Optional.empty();
        for (String rawLine : sshGOutput.split("\n")) {
            String line = rawLine.strip();
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String keyword = line.substring(0, space).toLowerCase(Locale.ROOT);
            String value = line.substring(space + 1).strip();
            switch (keyword) {
                case "hostname" -> hostName = value;
                case "user" -> user = Optional.of(value);
                case "port" -> port = Optional.of(Integer.parseInt(value));
                case "identityfile" -> identityFiles.add(value);
                case "userknownhostsfile" -> userKnownHosts.addAll(words(value));
                case "globalknownhostsfile" -> globalKnownHosts.addAll(words(value));
                case "proxyjump" -> proxyJump = unlessNone(value);
                case "proxycommand" -> proxyCommand = unlessNone(value);
                case "hostkeyalias" -> hostKeyAlias = unlessNone(value);
                case "connecttimeout" -> connectTimeout = unlessNone(value).map(s -> Duration.ofSeconds(Long.parseLong(s)));
                default -> { /* not used by ovl */ }
            }
        }
        if (hostName == null) {
            throw new IllegalArgumentException("no 'hostname' line: not the output of ssh -G");
        }
        return new OpenSshSettings(hostName, user, port, identityFiles, userKnownHosts, globalKnownHosts,
                proxyJump, proxyCommand, hostKeyAlias, connectTimeout);
    }

    /** What OpenSSH would use with no configuration at all; used when no ssh client is installed. */
    public static OpenSshSettings defaultsFor(String address) {
        return new OpenSshSettings(address, Optional.empty(), Optional.empty(),
                List.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519"),
                List.of("~/.ssh/known_hosts", "~/.ssh/known_hosts2"),
                List.of("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> words(String value) {
        return List.of(value.split("\\s+"));
    }

    private static Optional<String> unlessNone(String value) {
        return value.isEmpty() || value.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(value);
    }
}
