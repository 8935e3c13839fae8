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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link StartedCommand} over one exec channel of a host's SSH connection ({@link HostSession#start}).
 * One daemon thread reads stdout, keeping every byte for the result and handing each whole line
 * to {@link #readLine}; another drains stderr, so neither stream can fill up and stall the command.
 */
final class SshStartedCommand implements StartedCommand {
    /** Longer than any probe output line; a longer one is handed over in pieces rather than held. */
    private static final int MAX_LINE = 64 * 1024;

    private final SshEndpoint endpoint;
    private final RemoteCommand command;
    private final boolean sudo;
    private final SshTarget.Become become;
    private final String step;
    private final Session session;
    private final Session.Command cmd;
    private final LineReader out;
    private final Drain err;
    private final OutputStream stdin;
    private volatile boolean finished;
    private boolean stdinClosed;

    private SshStartedCommand(SshEndpoint endpoint, RemoteCommand command, SshTarget.Become become, boolean sudo,
                              String step, Session session, Session.Command cmd) {
        this.endpoint = endpoint;
        this.become = become;
        this.command = command;
        this.sudo = sudo;
        this.step = step;
        this.session = session;
        this.cmd = cmd;
        this.out = new LineReader(cmd.getInputStream(), "ovl-ssh-" + endpoint.label() + "-stdout");
        this.err = new Drain(cmd.getErrorStream(), "ovl-ssh-" + endpoint.label() + "-stderr");
        this.stdin = cmd.getOutputStream();
        out.start();
        err.start();
    }

    static StartedCommand start(SshEndpoint endpoint, SSHClient client, RemoteCommand command, boolean privileged) {
        return start(endpoint, client, command, Escalation.of(privileged ? endpoint.become() : SshTarget.Become.NONE));
    }

    /**
     * Starts {@code command} through {@code escalation} (none: as the login user). With a sudo
     * password, sudo is given it on this channel first, before this returns (see
     * {@link Escalation.Handshake}); the command's own output starts after that.
     */
    static StartedCommand start(SshEndpoint endpoint, SSHClient client, RemoteCommand command, Escalation escalation) {
        boolean sudo = !escalation.none();
        Escalation.Wrapped wrapped = escalation.wrap(command);
        RemoteCommand sent = wrapped.command();
        String step = "start `" + shortly(command) + "`";
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step + ": open a channel: "
                    + SshErrors.describe(e, endpoint.connectTimeout()), e);
        }
        try {
            Session.Command cmd = session.exec(sent.toShellString());
            if (wrapped.handshake().isPresent()) {
                wrapped.handshake().get().perform(cmd, endpoint.label(), endpoint.user(), endpoint.commandTimeout());
            }
            return new SshStartedCommand(endpoint, command, escalation.become(), sudo, step, session, cmd);
        } catch (OvlException e) {
            Channels.abandon(endpoint.label(), session, () -> { });
            throw e;
        } catch (IOException | RuntimeException e) {
            Channels.abandon(endpoint.label(), session, () -> { });
            throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step + ": "
                    + SshErrors.describe(e, endpoint.commandTimeout()), e);
        }
    }

    /** Probe scripts go inline (perl -e SCRIPT): an error names the command, not the whole script. */
    static String shortly(RemoteCommand command) {
        String s = command.toShellString();
        return s.length() <= 72 ? s : s.substring(0, 72) + "...";
    }

    @Override
    public Optional<String> readLine(Duration timeout) {
        try {
            return out.next(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvlException(ExitCode.INTERRUPTED, "host " + endpoint.label() + ": " + step + ": interrupted", e);
        }
    }

    @Override
    public boolean stdoutEnded() {
        return out.ended();
    }

    @Override
    public synchronized boolean writeLine(String line) {
        if (stdinClosed) {
            return false;
        }
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            // The command ended or the channel closed: its output and exit status tell what happened.
            return false;
        }
    }

    @Override
    public synchronized void closeStdin() {
        if (!stdinClosed) {
            stdinClosed = true;
            try {
                stdin.close();
            } catch (IOException e) {
                // Already gone with the command; nothing left to tell it.
            }
        }
    }

    @Override
    public CommandResult finish(Duration timeout) {
        try {
            try {
                cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (cmd.isOpen()) {
                    throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step
                            + ": did not end within " + SshErrors.seconds(timeout), e);
                }
                throw e;
            }
            byte[] stdout = out.finish(endpoint.commandTimeout());
            byte[] stderr = err.finish(endpoint.commandTimeout());
            Integer status = cmd.getExitStatus();
            if (status == null) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step
                        + ": ended without exit status" + (cmd.getExitSignal() == null ? ""
                        : " (killed by signal " + cmd.getExitSignal() + ")"));
            }
            finished = true;
            CommandResult result = new CommandResult(endpoint.label(), command, status, stdout, stderr);
            if (sudo) {
                SudoErrors.check(endpoint, become, result);
            }
            return result;
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step + ": "
                    + SshErrors.describe(e, timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvlException(ExitCode.INTERRUPTED, "host " + endpoint.label() + ": " + step + ": interrupted", e);
        }
    }

    @Override
    public Duration commandTimeout() {
        return endpoint.commandTimeout();
    }

    @Override
    public void close() {
        if (finished) {
            Channels.closeQuietly(session);
        } else {
            Channels.abandon(endpoint.label(), session, () -> { });
        }
    }

    /** Reads stdout to its end, keeping all bytes and queueing each whole line as it completes. */
    private static final class LineReader extends Thread {
        /** Queued after the last line: stdout ended. */
        private static final Optional<String> END = Optional.empty();

        private final InputStream in;
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
        private volatile boolean ended;
        private volatile IOException failure;

        LineReader(InputStream in, String name) {
            super(name);
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (all) {
                        all.write(buf, 0, n);
                    }
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n' || line.size() >= MAX_LINE) {
                            lines.add(Optional.of(line.toString(StandardCharsets.UTF_8)));
                            line.reset();
                            if (buf[i] == '\n') {
                                continue;
                            }
                        }
                        line.write(buf[i]);
                    }
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                if (line.size() > 0) {
                    lines.add(Optional.of(line.toString(StandardCharsets.UTF_8)));
                }
                lines.add(END);
            }
        }

        Optional<String> next(Duration timeout) throws InterruptedException {
            if (ended) {
                return Optional.empty();
            }
            Optional<String> line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                return Optional.empty();
            }
            if (line.isEmpty()) {
                ended = true;
            }
            return line;
        }

        boolean ended() {
            return ended;
        }

        byte[] finish(Duration bound) throws IOException, InterruptedException {
            join(bound.toMillis());
            if (failure != null) {
                throw failure;
            }
            synchronized (all) {
                return all.toByteArray();
            }
        }
    }

    /** Reads stderr to its end on its own thread. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile IOException failure;

        Drain(InputStream in, String name) {
            super(name);
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (bytes) {
                        bytes.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        byte[] finish(Duration bound) throws IOException, InterruptedException {
            join(bound.toMillis());
            if (failure != null) {
                throw failure;
            }
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }
    }
}
