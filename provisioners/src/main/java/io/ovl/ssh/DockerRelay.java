package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Docker API for a login user who reaches Docker only through sudo, without a sudo per API
 * request: the host's privileged shell starts {@code docker-relay.pl} (next to this class) once,
 * which listens on a Unix socket in a fresh directory only that user (and root) can enter and
 * copies each connection to {@code /var/run/docker.sock}. ovl then opens SSH direct-streamlocal
 * channels to that socket, as it does to Docker's own socket for root. The relay ends by itself
 * when the shell that started it ends (the run's SSH session closes); nothing listens on TCP.
 *
 * <p>Perl because it is on every Debian and Ubuntu host (perl-base is Essential); the port probe
 * uses it for the same reason.
 */
final class DockerRelay {
    /** Where Docker's packages put the API socket. */
    static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private static final String SCRIPT = load();

    /*
     * A constant: the relay's program, the socket and the login user are the values, and they go in
     * as positional parameters. The relay's owner is the login user: sudo says who that is in
     * SUDO_UID; doas sets no such variable, so the user's name ($3) is looked up.
     * Inside the privileged shell's `sh -c`, $PPID is that shell: the relay lives as long as it.
     */
    private static final String START = "u=${SUDO_UID:-$(id -u \"$3\" 2>/dev/null)}; u=${u:-0};"
            + " d=$(mktemp -d /tmp/ovl-docker.XXXXXXXXXX) && chown \"$u\" \"$d\""
            + " && exec perl -e \"$1\" \"$d\" \"$u\" \"$PPID\" \"$2\"";

    private DockerRelay() {
    }

    /** The command that starts a relay on a privileged shell; it prints the socket's path. */
    static RemoteCommand command(String loginUser) {
        return RemoteCommand.script(START, SCRIPT, DOCKER_SOCKET, loginUser);
    }

    /**
     * Starts a relay through {@code shell} (a privileged shell that stays open for the run).
     *
     * @param loginUser the SSH login user, who may use the relay's socket
     * @return the relay's socket path on the host
     */
    static String start(RemoteShell shell, String host, String loginUser) {
        CommandResult r = shell.run(command(loginUser));
        if (r.exitCode() == 127) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": start the Docker relay: perl is not installed"
                    + " (the relay that lets a sudo user reach Docker needs perl-base); install perl or connect as root");
        }
        String path = r.requireSuccess("start the Docker relay").stdoutText().strip();
        if (!path.matches("/tmp/ovl-docker\\.[A-Za-z0-9]+/docker\\.sock")) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": start the Docker relay: expected its socket"
                    + " path, got '" + path + "'");
        }
        return path;
    }

    private static String load() {
        try (InputStream in = DockerRelay.class.getResourceAsStream("docker-relay.pl")) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/ovl/ssh/docker-relay.pl");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
