package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated SSH connection to one host, reused by every step of a command (and by the
 * Docker API transport through {@link #sshClient()}). Implements {@link RemoteShell}: each
 * command runs on its own exec channel of this connection, with the endpoint's command timeout,
 * through {@code sudo -n --} when {@code become: sudo}.
 */
public final class HostSession implements RemoteShell, AutoCloseable {

    private final SshEndpoint endpoint;
    private final SSHClient client;
    private final List<SSHClient> chain;

    HostSession(SshEndpoint endpoint, SSHClient client, List<SSHClient> chain) {
        this.endpoint = endpoint;
        this.client = client;
        this.chain = List.copyOf(chain);
    }

    /** The topology host name; every error about this host starts with "host LABEL:". */
    public String label() {
        return endpoint.label();
    }

    public SshEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The open, authenticated SSHJ client of this host, for the Docker API transport (for example
     * a direct-streamlocal channel to /var/run/docker.sock). Owned by this session: do not close it.
     */
    public SSHClient sshClient() {
        return client;
    }

    /** Atomic file writes and reads on this host, through this session (and sudo if configured). */
    public RemoteFiles files() {
        return new RemoteFiles(this, label());
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        boolean sudo = endpoint.become() == SshTarget.Become.SUDO;
        RemoteCommand sent = sudo ? command.withSudo() : command;
        String step = "run `" + command.toShellString() + "`";
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(sent.toShellString());
            Drain out = Drain.start(cmd.getInputStream(), label() + "-stdout");
            Drain err = Drain.start(cmd.getErrorStream(), label() + "-stderr");
            try (OutputStream stdin = cmd.getOutputStream()) {
                if (sent.stdin().isPresent()) {
                    stdin.write(sent.stdin().get());
                }
            }
            try {
                cmd.join(endpoint.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (cmd.isOpen()) {
                    cmd.close();
                    throw new OvlException(ExitCode.HOST_FAILED, "host " + label() + ": " + step
                            + ": timed out after " + SshErrors.seconds(endpoint.commandTimeout())
                            + " (command-timeout)", e);
                }
                throw e;
            }
            byte[] stdout = out.finish();
            byte[] stderr = err.finish();
            Integer status = cmd.getExitStatus();
            if (status == null) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + label() + ": " + step
                        + ": ended without exit status" + (cmd.getExitSignal() == null ? ""
                        : " (killed by signal " + cmd.getExitSignal() + ")"));
            }
            CommandResult result = new CommandResult(label(), command, status, stdout, stderr);
            if (sudo) {
                SudoErrors.check(endpoint, result);
            }
            return result;
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + label() + ": " + step + ": "
                    + SshErrors.describe(e, endpoint.commandTimeout()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvlException(ExitCode.INTERRUPTED, "host " + label() + ": " + step + ": interrupted", e);
        }
    }

    /** Closes the connection and those of its jump hosts. */
    @Override
    public void close() {
        SshConnector.closeAll(chain);
    }

    /** Reads a channel stream to the end on its own thread, so stdout and stderr cannot block each other. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile IOException failure;

        private Drain(InputStream in, String name) {
            super("ovl-ssh-" + name);
            this.in = in;
            setDaemon(true);
        }

        static Drain start(InputStream in, String name) {
            Drain d = new Drain(in, name);
            d.start();
            return d;
        }

        @Override
        public void run() {
            try {
                in.transferTo(bytes);
            } catch (IOException e) {
                failure = e;
            }
        }

        byte[] finish() throws IOException, InterruptedException {
            join();
            if (failure != null) {
                throw failure;
            }
            return bytes.toByteArray();
        }
    }
}
