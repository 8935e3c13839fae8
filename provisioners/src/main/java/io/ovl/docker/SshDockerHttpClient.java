package io.ovl.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.SshTarget;
import net.schmizz.sshj.SSHClient;

/**
 * docker-java's transport over a host's SSH connection. Each request opens a new channel on the
 * existing connection and speaks HTTP/1.1 over it: an OpenSSH direct-streamlocal channel to
 * {@code /var/run/docker.sock}, or, for users who need sudo to reach the socket,
 * {@code sudo -n docker system dial-stdio} in an exec channel. The Docker API is never exposed
 * on TCP. Responses must be closed (or their body read and closed) to release the channel.
 *
 * <p>The SSH connection belongs to the caller: {@link #close()} leaves it open. Thread-safe: SSH
 * multiplexes concurrent channels. With sudo, each open request holds a session channel, and
 * OpenSSH allows {@code MaxSessions} (default 10) of those per connection, long-running streams
 * (logs, events) included; socket channels have no such limit.
 */
public final class SshDockerHttpClient implements DockerHttpClient {

    /** Size of the read buffer in front of each channel; the head reader reads byte by byte. */
    private static final int BUFFER = 16 * 1024;

    private final DuplexOpener opener;
    private final String hostLabel;

    SshDockerHttpClient(DuplexOpener opener, String hostLabel) {
        this.opener = opener;
        this.hostLabel = hostLabel;
    }

    /**
     * A transport over an open, authenticated SSH connection.
     *
     * @param ssh the host's connection, owned and closed by the caller
     * @param sudo false: an SSH channel to the daemon's socket (the SSH user must be allowed to
     *     use it); true: {@code sudo -n docker system dial-stdio} (passwordless sudo needed)
     * @param hostLabel how errors name the host, e.g. its name in the topology
     */
    public static SshDockerHttpClient over(SSHClient ssh, boolean sudo, String hostLabel) {
        DuplexOpener opener = sudo
                ? new DialStdioOpener(ssh)
                : new SocketChannelOpener(ssh, SocketChannelOpener.DOCKER_SOCKET, hostLabel);
        return new SshDockerHttpClient(opener, hostLabel);
    }

    /**
     * The transport of a host's session: channels to {@link HostSession#dockerSocket()}, which is
     * Docker's socket for a user allowed to use it, or the socket of a relay the session's
     * privileged shell started once (become: sudo), so no request pays a sudo of its own. When sshd
     * refuses socket channels (AllowStreamLocalForwarding no), a sudo user still reaches Docker
     * through {@code sudo -n docker system dial-stdio}, one sudo per request.
     */
    public static SshDockerHttpClient over(HostSession session) {
        SocketChannelOpener socket = new SocketChannelOpener(session.sshClient(), session::dockerSocket, session.label());
        DuplexOpener opener = session.endpoint().become() == SshTarget.Become.SUDO
                ? new FallbackOpener(socket, new DialStdioOpener(session.sshClient()))
                : socket;
        return new SshDockerHttpClient(opener, session.label());
    }

    /**
     * Sends one request and returns once the response head has arrived; the body streams from
     * the channel.
     *
     * @throws OvlException naming the host and the request when the channel cannot be opened or
     *     the exchange fails
     */
    @Override
    public Response execute(Request request) {
        DuplexStream stream = open(request);
        try {
            return exchange(request, stream);
        } catch (EOFException e) {
            String why = e.getMessage() + appended(stream.diagnostics());
            stream.close();
            throw failure(request, why, e);
        } catch (IOException e) {
            stream.close();
            throw failure(request, e.getMessage(), e);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private Response exchange(Request request, DuplexStream stream) throws IOException {
        OutputStream out = new BufferedOutputStream(stream.output(), BUFFER);
        HttpRequestWriter.write(request, out);
        InputStream in = new BufferedInputStream(stream.input(), BUFFER);
        HttpResponseHead head = HttpResponseHeadReader.read(in);

        if (head.statusCode() == 101 && request.hijackedInput() != null) {
            HijackedInputPump.start(request.hijackedInput(), out, hostLabel);
            // docker-java's own transports report the switch as 200: its invocation layer treats
            // anything outside 2xx as an error, and after 101 the rest is the raw stream.
            return new SshResponse(200, head.headers(), in, stream);
        }
        InputStream body = ResponseBodies.frame(request.method(), head, in);
        return new SshResponse(head.statusCode(), head.headers(), body, stream);
    }

    private DuplexStream open(Request request) {
        try {
            return opener.open();
        } catch (IOException e) {
            throw failure(request, "could not open an SSH channel to the Docker daemon: "
                    + e.getMessage(), e);
        }
    }

    private OvlException failure(Request request, String why, Exception cause) {
        return new OvlException(ExitCode.HOST_FAILED, "host " + hostLabel + ": Docker API "
                + request.method() + " " + withoutQuery(request.path()) + " failed: " + why, cause);
    }

    private static String withoutQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String appended(String diagnostics) {
        return diagnostics.isEmpty() ? "" : "; " + diagnostics;
    }

    /** Nothing to release: channels close with their responses, the SSH connection is the caller's. */
    @Override
    public void close() {}
}
