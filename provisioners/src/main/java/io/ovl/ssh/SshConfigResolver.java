package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Merges a topology {@link SshTarget} with the user's OpenSSH client configuration.
 *
 * <p>The configuration is resolved by OpenSSH itself, {@code ssh -G [-F file] [-l user] [-p port]
 * [-J jump] -- address}, so Host aliases, Match blocks, Include and defaults behave exactly as in
 * {@code ssh}. When no {@code ssh} client is installed, OpenSSH's built-in defaults are used.
 *
 * <p>Precedence, highest first (the same as OpenSSH's own: command line beats config file):
 * <ol>
 *   <li>values written in the topology: user, port, proxy-jump, connect-timeout, host-key-policy,
 *       become. They are handed to {@code ssh -G} as command-line options, so Match blocks see them;</li>
 *   <li>the user's ssh config: HostName, User, Port, IdentityFile, ProxyJump, UserKnownHostsFile,
 *       GlobalKnownHostsFile, HostKeyAlias;</li>
 *   <li>OpenSSH defaults (port 22, the local user name, ~/.ssh/id_* keys, ~/.ssh/known_hosts).</li>
 * </ol>
 * Lists are combined rather than replaced: identity files from the topology are tried first, then
 * the config's; known_hosts files from the topology come first (so accept-new records there), then
 * UserKnownHostsFile, then GlobalKnownHostsFile (read only, as in OpenSSH). Jump hosts are resolved through ssh config too and
 * share the target's identity files, known_hosts files, policy and timeouts. A ProxyCommand in the
 * ssh config is refused: ovl only connects directly or through ProxyJump.
 */
public final class SshConfigResolver {

    private final SshEnvironment env;
    /** How long {@code ssh -G} may take: it only reads config files, unless the config runs commands. */
    private final int resolveSeconds;

    public SshConfigResolver(SshEnvironment env) {
        this(env, 10);
    }

    /** With another bound on {@code ssh -G}, for the test of a config that hangs. */
    SshConfigResolver(SshEnvironment env, int resolveSeconds) {
        this.resolveSeconds = resolveSeconds;
        this.env = env;
    }

    public SshEndpoint resolve(SshTarget target) {
        OpenSshSettings settings = settingsFor(target.label(), target.address(), target.user(), target.port(),
                target.proxyJump());
        if (settings.proxyCommand().isPresent()) {
            throw new OvlException(ExitCode.USAGE, "host " + target.label() + ": the ssh config sets ProxyCommand "
                    + settings.proxyCommand().get() + " for " + target.address()
                    + ", which ovl does not run; use ProxyJump (or proxy-jump in the topology) instead");
        }
        String user = target.user().or(settings::user).orElse(env.localUser());
        int port = target.port().or(settings::port).orElse(22);
        String hostName = settings.hostName();

        List<Path> identityFiles = new ArrayList<>(target.identityFiles().stream().map(this::expandTilde).toList());
        for (String raw : settings.identityFiles()) {
            Path p = Path.of(expandTokens(raw, hostName, port, user));
            if (!identityFiles.contains(p)) {
                identityFiles.add(p);
            }
        }
        LinkedHashSet<Path> knownHosts = new LinkedHashSet<>();
        target.knownHostsFiles().forEach(p -> knownHosts.add(expandTilde(p)));
        settings.userKnownHostsFiles().forEach(s -> knownHosts.add(Path.of(expandTokens(s, hostName, port, user))));
        List<Path> recordable = List.copyOf(knownHosts);
        settings.globalKnownHostsFiles().forEach(s -> knownHosts.add(Path.of(expandTokens(s, hostName, port, user))));

        Optional<String> jump = target.proxyJump().or(settings::proxyJump);
        List<SshEndpoint> jumps = new ArrayList<>();
        for (String spec : jump.map(j -> List.of(j.split(","))).orElse(List.of())) {
            jumps.add(resolveJump(target, JumpSpec.parse(target.label(), spec.strip()), identityFiles,
                    List.copyOf(knownHosts), recordable));
        }
        return new SshEndpoint(target.label(), hostName, port, user, identityFiles, List.copyOf(knownHosts),
                recordable, settings.hostKeyAlias(), jumps, target.hostKeyPolicy(), target.become(),
                target.connectTimeout(), target.commandTimeout());
    }

    private SshEndpoint resolveJump(SshTarget target, JumpSpec spec, List<Path> identityFiles, List<Path> knownHosts,
                                    List<Path> recordable) {
        OpenSshSettings s = settingsFor(target.label(), spec.host(), spec.user(), spec.port(), Optional.of("none"));
        String user = spec.user().or(s::user).orElse(env.localUser());
        int port = spec.port().or(s::port).orElse(22);
        List<Path> ids = new ArrayList<>(identityFiles);
        for (String raw : s.identityFiles()) {
            Path p = Path.of(expandTokens(raw, s.hostName(), port, user));
            if (!ids.contains(p)) {
                ids.add(p);
            }
        }
        return new SshEndpoint(target.label() + " (jump host " + spec.host() + ")", s.hostName(), port, user, ids,
                knownHosts, recordable, s.hostKeyAlias(), List.of(), target.hostKeyPolicy(), SshTarget.Become.NONE,
                target.connectTimeout(), target.commandTimeout());
    }

    /** Runs {@code ssh -G}, or falls back to OpenSSH defaults when there is no ssh client. */
    OpenSshSettings settingsFor(String label, String address, Optional<String> user, Optional<Integer> port,
                                Optional<String> proxyJump) {
        if (env.sshClient().isEmpty()) {
            return OpenSshSettings.defaultsFor(address);
        }
        List<String> cmd = new ArrayList<>(List.of(env.sshClient().get().toString(), "-G"));
        env.sshConfigFile().ifPresent(f -> cmd.addAll(List.of("-F", f.toString())));
        user.ifPresent(u -> cmd.addAll(List.of("-l", u)));
        port.ifPresent(p -> cmd.addAll(List.of("-p", Integer.toString(p))));
        // "-J none" would be read as a jump host named none; "-o ProxyJump=none" disables it.
        proxyJump.ifPresent(j -> cmd.addAll(List.of("-o", "ProxyJump=" + j)));
        cmd.add("--");
        cmd.add(address);
        Path outFile = null;
        Path errFile = null;
        try {
            // Output goes to files, not pipes: the wait below is then the only thing that can take
            // time, so its bound holds even for an ssh whose config runs a `Match exec` that hangs.
            outFile = Files.createTempFile("ovl-ssh-G", ".out");
            errFile = Files.createTempFile("ovl-ssh-G", ".err");
            Process process = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
            if (!process.waitFor(resolveSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new OvlException(ExitCode.HOST_FAILED, "host " + label + ": resolve ssh config: "
                        + String.join(" ", cmd) + " did not finish in " + resolveSeconds
                        + "s (a Match exec or ProxyCommand in your ssh config that does not return?)");
            }
            byte[] out = Files.readAllBytes(outFile);
            byte[] err = Files.readAllBytes(errFile);
            if (process.exitValue() != 0) {
                throw new OvlException(ExitCode.USAGE, "host " + label + ": resolve ssh config: "
                        + String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8).strip());
            }
            return OpenSshSettings.parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + label + ": resolve ssh config: cannot run "
                    + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvlException(ExitCode.INTERRUPTED, "host " + label + ": resolve ssh config: interrupted", e);
        } finally {
            deleteQuietly(outFile);
            deleteQuietly(errFile);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left in the temp directory harms nothing.
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private Path expandTilde(Path p) {
        return Path.of(expandTokens(p.toString(), "", 0, ""));
    }

    /**
     * Expands what {@code ssh -G} leaves raw in file names: a leading {@code ~} and the tokens
     * %d (home), %u (local user), %h (host name), %p (port), %r (remote user) and %%.
     */
    String expandTokens(String raw, String hostName, int port, String remoteUser) {
        String s = raw;
        if (s.equals("~") || s.startsWith("~/")) {
            s = env.home() + s.substring(1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char t = s.charAt(++i);
            switch (t) {
                case 'd' -> out.append(env.home());
                case 'u' -> out.append(env.localUser());
                case 'h' -> out.append(hostName);
                case 'p' -> out.append(port);
                case 'r' -> out.append(remoteUser);
                case '%' -> out.append('%');
                default -> out.append('%').append(t);
            }
        }
        return out.toString();
    }

    /** One element of a ProxyJump list: {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}. */
    record JumpSpec(Optional<String> user, String host, Optional<Integer> port) {
        static JumpSpec parse(String label, String spec) {
            String s = spec.startsWith("ssh://") ? spec.substring("ssh://".length()) : spec;
            Optional<String> user = Optional.empty();
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                user = Optional.of(s.substring(0, at));
                s = s.substring(at + 1);
            }
            Optional<Integer> port = Optional.empty();
            String host = s;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                host = s.substring(1, close);
                if (close + 1 < s.length() && s.charAt(close + 1) == ':') {
                    port = Optional.of(parsePort(label, spec, s.substring(close + 2)));
                }
            } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                port = Optional.of(parsePort(label, spec, s.substring(s.indexOf(':') + 1)));
            }
            if (host.isEmpty() || host.startsWith("-")) {
                throw new OvlException(ExitCode.USAGE, "host " + label + ": proxy-jump '" + spec
                        + "' is not [user@]host[:port]");
            }
            return new JumpSpec(user, host, port);
        }

        private static int parsePort(String label, String spec, String port) {
            try {
                return Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new OvlException(ExitCode.USAGE, "host " + label + ": proxy-jump '" + spec
                        + "' has a port that is not a number");
            }
        }
    }
}
