package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One long-lived {@code sh -s} on one exec channel of a host's connection, started through
 * {@code sudo -n --} when the host's {@code become} is sudo ({@code doas -n --} for doas; sudo
 * given its password first with {@code become-password-env}, see {@link Escalation}): privilege
 * escalation is paid once,
 * when the shell starts, not once per command. On a host whose sudo waits for a resolver that
 * never answers (about 10 s per sudo) this is the difference between seconds and minutes.
 *
 * <p>Commands are written to the shell's standard input one at a time, each as
 * {@link RemoteCommand#toShellString()} (every argument quoted, so no value changes a command's
 * meaning) with its standard input from {@code /dev/null}, or, when the command has input, from a
 * here-document of its bytes in base64 (so any bytes pass and none can end the document early).
 * After each command the shell writes a frame line with its exit status to stdout and one to
 * stderr, marked with 128 random bits made for this shell (see {@link FrameReader}); the answer is
 * what came before those lines. The format is {@link CommandBatch}'s, kept open for the run.
 *
 * <p>One command at a time: callers serialise ({@link #run} is synchronized); a host's
 * {@link HostSession} keeps as many shells as it has concurrent callers. A command that runs past
 * the timeout, or a shell that ends, makes this shell {@link #broken()}: it is closed, and the
 * next command gets a new one.
 */
final class PersistentShell implements AutoCloseable {
    private static final String START = "start";
    /** Base64 line length in here-documents: short lines are safe for every sh. */
    private static final int BASE64_LINE = 76;

    private final SshEndpoint endpoint;
    private final Session session;
    private final Session.Command command;
    private final OutputStream input;
    private final FrameReader out;
    private final FrameReader err;
    private final String marker;
    private final Escalation escalation;
    private int next;
    private volatile boolean broken;

    private PersistentShell(SshEndpoint endpoint, Session session, Session.Command command, String marker,
                            Escalation escalation) {
        this.endpoint = endpoint;
        this.escalation = escalation;
        this.session = session;
        this.command = command;
        this.input = command.getOutputStream();
        this.marker = marker;
        this.out = FrameReader.start(command.getInputStream(), marker, endpoint.label() + "-out");
        this.err = FrameReader.start(command.getErrorStream(), marker, endpoint.label() + "-err");
    }

    /** The shell itself, before escalation. */
    static final RemoteCommand SH = RemoteCommand.of("sh", "-s");

    /** What is run on the channel: a plain {@code sh -s}, through {@code sudo -n --} when become is sudo. */
    static RemoteCommand request(SshTarget.Become become) {
        return Escalation.of(become).wrap(SH).command();
    }

    /**
     * Starts the shell and waits until it answers, so a sudo that fails (a password is required,
     * sudo is not installed) is reported here, naming the host.
     */
    static PersistentShell open(SSHClient client, SshEndpoint endpoint) {
        return open(client, endpoint, Escalation.of(endpoint.become()));
    }

    /**
     * As {@link #open(SSHClient, SshEndpoint)}, escalating as {@code escalation} says: with a sudo
     * password, sudo is given it on this channel before the shell starts ({@link Escalation.Handshake}).
     */
    static PersistentShell open(SSHClient client, SshEndpoint endpoint, Escalation escalation) {
        String step = "start a shell (`" + escalation.describe(SH) + "`)";
        Escalation.Wrapped wrapped = escalation.wrap(SH);
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step + ": open a channel: "
                    + SshErrors.describe(e, endpoint.connectTimeout()), e);
        }
        PersistentShell shell;
        try {
            Session.Command cmd = session.exec(wrapped.command().toShellString());
            if (wrapped.handshake().isPresent()) {
                wrapped.handshake().get().perform(cmd, endpoint.label(), endpoint.user(), endpoint.commandTimeout());
            }
            shell = new PersistentShell(endpoint, session, cmd, "ovl-shell-" + nonce(), escalation);
        } catch (IOException e) {
            Channels.closeQuietly(session);
            throw new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + step + ": "
                    + SshErrors.describe(e, endpoint.commandTimeout()), e);
        } catch (OvlException e) {
            Channels.closeQuietly(session);
            throw e;
        }
        shell.greet(step);
        return shell;
    }

    /** Runs one command and returns its result; see {@link RemoteShell} for the contract. */
    synchronized CommandResult run(RemoteCommand cmd) {
        String step = "run `" + cmd.toShellString() + "`";
        if (broken) {
            throw new IllegalStateException("host " + endpoint.label() + ": the shell is closed");
        }
        int index = next++;
        try {
            write(script(cmd, index));
            long deadline = System.nanoTime() + endpoint.commandTimeout().toNanos();
            FrameReader.Segment o = await(out, deadline, step);
            FrameReader.Segment e = await(err, deadline, step);
            String[] words = o.tag().split(" ", -1);
            if (words.length != 2 || !words[0].equals(Integer.toString(index)) || !e.tag().equals(words[0])
                    || !words[1].matches("[0-9]{1,3}")) {
                throw fail(step + ": the shell's answer is not framed as expected (\"" + o.tag() + "\", \"" + e.tag()
                        + "\")", null);
            }
            return new CommandResult(endpoint.label(), cmd, Integer.parseInt(words[1]), o.bytes(), e.bytes());
        } catch (IOException ex) {
            throw fail(step + ": " + SshErrors.describe(ex, endpoint.commandTimeout()), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close();
            throw new OvlException(ExitCode.INTERRUPTED, "host " + endpoint.label() + ": " + step + ": interrupted", ex);
        }
    }

    /** True once the shell can take no more commands: it timed out, ended or was closed. */
    boolean broken() {
        return broken || !command.isOpen();
    }

    /**
     * The shell's script for one command: the command, its input, and the two frame lines. Only
     * the command's quoted words and base64 text vary; both are data to sh.
     */
    String script(RemoteCommand cmd, int index) {
        StringBuilder s = new StringBuilder();
        Optional<byte[]> stdin = cmd.stdin();
        if (stdin.isPresent()) {
            String end = "ovl-input-" + nonce();
            s.append("base64 -d <<'").append(end).append("' | ").append(cmd.toShellString()).append('\n');
            String b64 = Base64.getEncoder().encodeToString(stdin.get());
            for (int i = 0; i < b64.length(); i += BASE64_LINE) {
                s.append(b64, i, Math.min(b64.length(), i + BASE64_LINE)).append('\n');
            }
            s.append(end).append('\n');
        } else {
            s.append(cmd.toShellString()).append(" </dev/null\n");
        }
        s.append("s=$?; printf '\\n%s %d %d\\n' \"$m\" ").append(index).append(" \"$s\"; printf '\\n%s %d\\n' \"$m\" ")
                .append(index).append(" >&2\n");
        return s.toString();
    }

    private void greet(String step) {
        try {
            write("m=" + marker + "\nprintf '\\n%s " + START + "\\n' \"$m\"; printf '\\n%s " + START + "\\n' \"$m\" >&2\n");
            long deadline = System.nanoTime() + endpoint.commandTimeout().toNanos();
            FrameReader.Segment o = await(out, deadline, step);
            FrameReader.Segment e = await(err, deadline, step);
            if (!o.tag().equals(START) || !e.tag().equals(START)) {
                throw fail(step + ": the shell did not answer with its start frame", null);
            }
        } catch (IOException ex) {
            // The greeting could not be written: the shell (or the sudo or doas before it) has
            // already ended, and its exit status and stderr say why better than "Stream closed".
            Integer status = exitStatus();
            if (status != null && !escalation.none()) {
                try {
                    err.join(2000); // the rest of stderr
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                try {
                    SudoErrors.check(endpoint, escalation.become(), new CommandResult(endpoint.label(), SH, status,
                            new byte[0], err.pendingText().getBytes(StandardCharsets.UTF_8)));
                } catch (OvlException sudo) {
                    close();
                    throw sudo;
                }
            }
            throw fail(step + ": " + SshErrors.describe(ex, endpoint.commandTimeout()), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            close();
            throw new OvlException(ExitCode.INTERRUPTED, "host " + endpoint.label() + ": " + step + ": interrupted", ex);
        }
    }

    private void write(String script) throws IOException {
        input.write(script.getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** The next segment of {@code reader}, or the host's error: timed out, or the shell ended (with sudo's reason). */
    private FrameReader.Segment await(FrameReader reader, long deadline, String step) throws InterruptedException {
        try {
            Optional<FrameReader.Segment> s = reader.next((deadline - System.nanoTime()) / 1_000_000);
            if (s.isEmpty()) {
                throw fail(step + ": timed out after " + SshErrors.seconds(endpoint.commandTimeout())
                        + " (command-timeout)", null);
            }
            return s.get();
        } catch (FrameReader.StreamEndedException ended) {
            throw ended(step, ended);
        }
    }

    /** The shell ended: when sudo refused, say so as a sudo problem, else quote the exit status and stderr. */
    private OvlException ended(String step, FrameReader.StreamEndedException ended) {
        Integer status = exitStatus();
        String stderr = err.pendingText();
        if (status != null && !escalation.none()) {
            SudoErrors.check(endpoint, escalation.become(), new CommandResult(endpoint.label(), SH, status, new byte[0],
                    stderr.getBytes(StandardCharsets.UTF_8)));
        }
        String first = stderr.strip().lines().findFirst().orElse("");
        return fail(step + ": " + ended.getMessage() + (status == null ? "" : " (exit status " + status + ")")
                + (first.isEmpty() ? "" : ": " + first), null);
    }

    /** Waits briefly for the exit status of a shell whose output ended. */
    private Integer exitStatus() {
        try {
            command.join(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // No status in time: the error says what is known.
        }
        return command.getExitStatus();
    }

    private OvlException fail(String why, Exception cause) {
        close();
        return new OvlException(ExitCode.HOST_FAILED, "host " + endpoint.label() + ": " + why, cause);
    }

    /** Ends the shell: its input is closed and the channel let go of ({@link Channels#abandonShell}). */
    @Override
    public void close() {
        if (broken) {
            return;
        }
        broken = true;
        Channels.abandonShell(endpoint.label(), session, () -> {
            try {
                input.close(); // sh exits at the end of its input
            } catch (IOException e) {
                // The channel may be gone already.
            }
        });
    }

    private static String nonce() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
}
