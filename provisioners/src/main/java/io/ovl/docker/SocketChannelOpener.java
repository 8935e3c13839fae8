package io.ovl.docker;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;

/**
 * Reaches the daemon's Unix socket through an SSH direct-streamlocal channel on the host's
 * existing connection. Nothing listens on TCP, here or on the host.
 */
final class SocketChannelOpener implements DuplexOpener {

    /** Where Docker's packages on Debian and elsewhere put the API socket. */
    static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private final SSHClient ssh;
    private final Supplier<String> socketPath;
    private final String hostLabel;

    SocketChannelOpener(SSHClient ssh, String socketPath, String hostLabel) {
        this(ssh, () -> socketPath, hostLabel);
    }

    /** @param socketPath asked at every open: a relay's socket can change when the relay is restarted */
    SocketChannelOpener(SSHClient ssh, Supplier<String> socketPath, String hostLabel) {
        this.ssh = ssh;
        this.socketPath = socketPath;
        this.hostLabel = hostLabel;
    }

    @Override
    public DuplexStream open() throws IOException {
        String socketPath = this.socketPath.get();
        StreamLocalChannel channel = new StreamLocalChannel(ssh.getConnection(), socketPath);
        try {
            channel.open();
        } catch (OpenFailException e) {
            closeQuietly(channel);
            throw refused(e, socketPath);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        return new ChannelStream(channel);
    }

    /*
     * OpenSSH answers "administratively prohibited: open failed" both when forwarding is off in
     * sshd_config and when the login user may not connect to the socket (EACCES): the client
     * cannot tell which, so the message names both and the fix that avoids both.
     */
    private OvlException refused(OpenFailException e, String socketPath) {
        return new OvlException(ExitCode.HOST_FAILED, "host " + hostLabel
                + ": sshd refused to connect an SSH channel to the Docker socket " + socketPath
                + " (" + e.getReason() + ": " + e.getMessage() + "). Either the SSH user may not"
                + " use the socket (not root, not in the docker group) or sshd does not allow"
                + " Unix socket forwarding (AllowStreamLocalForwarding/DisableForwarding in"
                + " sshd_config). Set `become: sudo` for this host so ovl runs"
                + " `sudo -n docker system dial-stdio` instead, or allow the user and the"
                + " forwarding.", e);
    }

    private static void closeQuietly(StreamLocalChannel channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // The open already failed; that failure is what the user needs to see.
        }
    }

    private static final class ChannelStream implements DuplexStream {
        private final StreamLocalChannel channel;

        ChannelStream(StreamLocalChannel channel) {
            this.channel = channel;
        }

        @Override
        public InputStream input() {
            return channel.getInputStream();
        }

        @Override
        public OutputStream output() {
            return channel.getOutputStream();
        }

        @Override
        public String diagnostics() {
            return "";
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }
}
