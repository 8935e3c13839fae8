package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

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
public final class HostSession implements RemoteShell, CommandStarter, AutoCloseable {

    private final SshEndpoint endpoint;
    private final SSHClient client;
    private final List<SSHClient> chain;
    /** False for a {@link #lent()} view: its owner (a {@link SessionPool}) closes the connection. */
    private final boolean owner;

    HostSession(SshEndpoint endpoint, SSHClient client, List<SSHClient> chain) {
        this(endpoint, client, chain, true);
    }

    private HostSession(SshEndpoint endpoint, SSHClient client, List<SSHClient> chain, boolean owner) {
        this.endpoint = endpoint;
        this.client = client;
        this.chain = List.copyOf(chain);
        this.owner = owner;
    }

    /**
     * The same connection for a borrower whose {@link #close()} leaves it open: a pool lends its
     * sessions this way, so code written to close what it opened (init's hosts, swarm's, net's)
     * can run on a pooled connection without ending it for the next command.
     */
    HostSession lent() {
        return new HostSession(endpoint, client, chain, false);
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
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + label() + ": " + step + ": open a channel: "
                    + SshErrors.describe(e, endpoint.connectTimeout()), e);
        }
        boolean finished = false;
        try {
            Session.Command cmd = session.exec(sent.toShellString());
            Drain out = Drain.start(cmd.getInputStream(), label() + "-stdout");
            Drain err = Drain.start(cmd.getErrorStream(), label() + "-stderr");
            // Fed on its own thread: a command that does not read its input must not block us past the timeout.
            Feed.start(cmd.getOutputStream(), sent.stdin().orElse(new byte[0]), label() + "-stdin");
            try {
                cmd.join(endpoint.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (cmd.isOpen()) {
                    throw new OvlException(ExitCode.HOST_FAILED, "host " + label() + ": " + step
                            + ": timed out after " + SshErrors.seconds(endpoint.commandTimeout())
                            + " (command-timeout)", e);
                }
                throw e;
            }
            byte[] stdout = out.finish();
            byte[] stderr = err.finish();
            finished = true;
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
        } finally {
            if (finished) {
                closeQuietly(session);
            } else {
                abandon(session);
            }
        }
    }

    /**
     * Starts {@code command} on its own exec channel of this connection and returns while it runs
     * (see {@link StartedCommand}); {@code privileged} goes through {@code sudo -n --} when
     * {@code become: sudo}, exactly as {@link #run} does, and runs as the login user otherwise.
     */
    @Override
    public StartedCommand start(RemoteCommand command, boolean privileged) {
        return SshStartedCommand.start(endpoint, client, command, privileged);
    }

    /**
     * Gives up on a command that failed or ran past its timeout: asks sshd to TERM it (sshd honours
     * signal requests only in some setups, so this is best effort) and closes the channel on a
     * background thread, because SSHJ's close() waits for the server's reply, which a stuck command
     * delays. The connection stays usable for the next step.
     */
    private void abandon(Session session) {
        Thread closer = new Thread(() -> {
            try {
                if (session instanceof Session.Command cmd) {
                    cmd.signal(Signal.TERM);
                }
            } catch (IOException | RuntimeException ignored) {
                // Best effort, see above.
            }
            closeQuietly(session);
        }, "ovl-ssh-" + label() + "-abandon");
        closer.setDaemon(true);
        closer.start();
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // The command's result or error is what matters; a failed close changes neither.
        }
    }

    /** Closes the connection and those of its jump hosts; does nothing on a session lent by a pool. */
    @Override
    public void close() {
        if (owner) {
            SshConnector.closeAll(chain);
        }
    }

    /** Writes a command's stdin (possibly nothing) on its own thread, then closes it to send EOF. */
    private static final class Feed extends Thread {
        private final OutputStream out;
        private final byte[] bytes;

        private Feed(OutputStream out, byte[] bytes, String name) {
            super("ovl-ssh-" + name);
            this.out = out;
            this.bytes = bytes;
            setDaemon(true);
        }

        static void start(OutputStream out, byte[] bytes, String name) {
            new Feed(out, bytes, name).start();
        }

        @Override
        public void run() {
            try (OutputStream o = out) {
                o.write(bytes);
            } catch (IOException e) {
                // The command ended or the channel closed before reading all input; its exit status tells.
            }
        }
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
