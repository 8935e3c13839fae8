package io.ovl.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * For users who need root to reach the socket: runs {@code sudo -n docker system dial-stdio} in
 * an SSH session and uses its stdin and stdout as the stream. The docker CLI on the host then
 * connects to its local socket as root; nothing listens on TCP.
 */
final class DialStdioOpener implements DuplexOpener {

    /*
     * A constant: no value from the topology or the command line is ever part of it. -n makes
     * sudo fail at once instead of waiting for a password nobody can type.
     */
    static final String COMMAND = "sudo -n docker system dial-stdio";

    /** How much of stderr an error message quotes. */
    private static final int STDERR_LIMIT = 2048;
    private static final long EXIT_WAIT_SECONDS = 5;

    private final SSHClient ssh;
    /** The command to run, asked at every open (a relay's socket can change). */
    private final java.util.function.Supplier<String> command;

    DialStdioOpener(SSHClient ssh) {
        this(ssh, () -> COMMAND);
    }

    private DialStdioOpener(SSHClient ssh, java.util.function.Supplier<String> command) {
        this.ssh = ssh;
        this.command = command;
    }

    /**
     * For a host whose escalation must happen once per shell (sudo given a password, doas): no
     * sudo per request, but {@code docker -H unix://RELAY system dial-stdio} as the login user, to
     * the socket of the relay the session's privileged shell started once ({@link
     * io.ovl.ssh.HostSession#dockerSocket()}), which that user may use.
     */
    static DialStdioOpener toRelay(SSHClient ssh, java.util.function.Supplier<String> relaySocket) {
        return new DialStdioOpener(ssh, () -> relayCommand(relaySocket.get()));
    }

    /** {@code docker -H unix://PATH system dial-stdio}, the path quoted as one word. */
    static String relayCommand(String socketPath) {
        return io.ovl.ssh.RemoteCommand.of("docker", "-H", "unix://" + socketPath, "system", "dial-stdio").toShellString();
    }

    @Override
    public DuplexStream open() throws IOException {
        Session session = ssh.startSession();
        try {
            String line = command.get();
            return new CommandStream(session.exec(line), line);
        } catch (IOException | RuntimeException e) {
            try {
                session.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed); // the exec failure is the one to report
            }
            throw e;
        }
    }

    private static final class CommandStream implements DuplexStream {
        private final Session.Command command;
        private final String line;

        CommandStream(Session.Command command, String line) {
            this.command = command;
            this.line = line;
        }

        @Override
        public InputStream input() {
            return command.getInputStream();
        }

        @Override
        public OutputStream output() {
            return command.getOutputStream();
        }

        /*
         * When dial-stdio ends before answering, the reason (sudo wants a password, docker is
         * not installed, the daemon is down) is on its stderr and in its exit status.
         */
        @Override
        public String diagnostics() {
            try {
                command.join(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (IOException e) {
                // The channel did not close in time: report what has arrived so far.
            }
            StringBuilder text = new StringBuilder("`" + line + "`");
            Integer status = command.getExitStatus();
            text.append(status == null ? " did not report an exit status" : " exited with " + status);
            String stderr = bufferedStderr().strip();
            if (!stderr.isEmpty()) {
                text.append(", stderr: ").append(stderr);
            }
            return text.toString();
        }

        private String bufferedStderr() {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            try {
                InputStream err = command.getErrorStream();
                // Only what has already arrived: never block on a channel that stays open.
                int available;
                while (seen.size() < STDERR_LIMIT && (available = err.available()) > 0) {
                    byte[] chunk = new byte[Math.min(available, STDERR_LIMIT - seen.size())];
                    int read = err.read(chunk);
                    if (read < 0) {
                        break;
                    }
                    seen.write(chunk, 0, read);
                }
            } catch (IOException e) {
                // Keep what was read.
            }
            return seen.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            try {
                command.close();
            } catch (IOException | RuntimeException ignored) {
                // Closing a channel the far end already closed: nothing left to release.
            }
        }
    }
}
