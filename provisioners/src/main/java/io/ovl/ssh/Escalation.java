package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * How one host's privileged commands become root, and the one place that knows it: nothing
 * (the login user is root), {@code sudo -n --} (passwordless), sudo given a password, or
 * {@code doas -n --}.
 *
 * <p><b>sudo with a password.</b> The command goes out as
 * {@code sudo -S -p PROMPT -- sh -c 'printf "%s\n" "$0" >&2; exec "$@"' READY COMMAND...}, with
 * PROMPT and READY fresh random words. Nothing is written to the channel until sudo has said what
 * it wants ({@link Handshake}): when PROMPT appears on stderr, the password and a newline are
 * written to stdin, which sudo -S reads one byte at a time up to the newline, so the rest of stdin
 * is left to the command; when READY appears, the command runs as root and the channel is the
 * command's from then on. A second PROMPT means sudo refused the password: the channel is closed
 * at once (sudo would ask three times) and the error names the host and where the password came
 * from. Passwordless sudo (a NOPASSWD rule, a cached ticket) prints READY without asking, so no
 * password is ever sent to a shell that would read it as a command.
 *
 * <p><b>doas.</b> OpenBSD's doas and OpenDoas read a password from {@code /dev/tty} only, never
 * from stdin, so a doas host needs a {@code permit nopass} rule; the topology refuses a password
 * with doas.
 */
final class Escalation {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Prints READY ($0) on stderr once root, then becomes the command. A constant. */
    private static final String READY_SCRIPT = "printf '%s\\n' \"$0\" >&2; exec \"$@\"";

    private final SshTarget.Become become;
    private final Optional<Secret> password;

    private Escalation(SshTarget.Become become, Optional<Secret> password) {
        this.become = become;
        this.password = password;
    }

    static Escalation of(SshTarget.Become become) {
        return new Escalation(become, Optional.empty());
    }

    static Escalation sudoWith(Secret password) {
        return new Escalation(SshTarget.Become.SUDO, Optional.of(password));
    }

    SshTarget.Become become() {
        return become;
    }

    /** True when the host's commands run as the login user without any escalation. */
    boolean none() {
        return become == SshTarget.Become.NONE;
    }

    /** Where the password came from, when sudo gets one. */
    Optional<String> passwordSource() {
        return password.map(Secret::source);
    }

    /** {@code text} without this escalation's password in it (see {@link Secret#redact}). */
    String redact(String text) {
        return password.map(p -> p.redact(text)).orElse(text);
    }

    /** {@code command} as sent to become root, with the handshake it needs (sudo with a password only). */
    Wrapped wrap(RemoteCommand command) {
        return switch (become) {
            case NONE -> new Wrapped(command, Optional.empty());
            case DOAS -> new Wrapped(prefixed(command, "doas", "-n", "--"), Optional.empty());
            case SUDO -> password.isEmpty()
                    ? new Wrapped(command.withSudo(), Optional.empty())
                    : withPassword(command, password.get());
        };
    }

    /** The command of a shell as shown in errors: the words, never the password. */
    String describe(RemoteCommand command) {
        return switch (become) {
            case NONE -> command.toShellString();
            case DOAS -> "doas -n -- " + command.toShellString();
            case SUDO -> password.isEmpty() ? command.withSudo().toShellString()
                    : "sudo -S -- " + command.toShellString();
        };
    }

    private static Wrapped withPassword(RemoteCommand command, Secret secret) {
        String prompt = "ovl-sudo-prompt-" + nonce();
        String ready = "ovl-sudo-ready-" + nonce();
        List<String> argv = new ArrayList<>(List.of("sudo", "-S", "-p", prompt, "--", "sh", "-c", READY_SCRIPT, ready));
        argv.addAll(command.argv());
        RemoteCommand sent = new RemoteCommand(argv, command.stdin());
        return new Wrapped(sent, Optional.of(new Handshake(prompt, ready, secret)));
    }

    private static RemoteCommand prefixed(RemoteCommand command, String... words) {
        List<String> argv = new ArrayList<>(List.of(words));
        argv.addAll(command.argv());
        return new RemoteCommand(argv, command.stdin());
    }

    static String nonce() {
        byte[] bits = new byte[12];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /**
     * sudo refused the password. A host's shells remember it ({@link ShellPool}): asking again with
     * the same password would only add failed attempts to the host's auth log (and may lock the
     * account where pam_faillock counts them).
     */
    static final class Refused extends OvlException {
        Refused(String message) {
            super(ExitCode.HOST_FAILED, message);
        }
    }

    /** The command to exec, and the handshake to perform on its channel before using it. */
    record Wrapped(RemoteCommand command, Optional<Handshake> handshake) {
    }

    /**
     * Gives sudo its password on a freshly started channel and returns once the command runs as
     * root. Reads stderr byte by byte and stops right after the READY line, so whoever reads stderr
     * next sees only the command's own output.
     */
    static final class Handshake {
        private final byte[] prompt;
        private final byte[] ready;
        private final Secret secret;

        Handshake(String prompt, String ready, Secret secret) {
            this.prompt = prompt.getBytes(StandardCharsets.US_ASCII);
            this.ready = (ready + "\n").getBytes(StandardCharsets.US_ASCII);
            this.secret = secret;
        }

        private enum Event { PROMPT, READY, ENDED }

        /**
         * @param label   the host, for errors
         * @param user    the login user, for errors
         * @param timeout how long sudo may take in all (it may wait for a dead resolver first)
         * @throws OvlException naming the host: sudo refused the password, sudo ended (its own
         *     message quoted; it never contains the password), or it took longer than {@code timeout}
         */
        void perform(Session.Command cmd, String label, String user, Duration timeout) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            InputStream err = cmd.getErrorStream();
            Thread reader = new Thread(() -> read(err, said, events), "ovl-sudo-" + label);
            reader.setDaemon(true);
            reader.start();
            OutputStream in = cmd.getOutputStream();
            long deadline = System.nanoTime() + timeout.toNanos();
            int prompts = 0;
            try {
                while (true) {
                    Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (e == null) {
                        throw failure(cmd, label, "sudo did not let the shell start within " + SshErrors.seconds(timeout)
                                + " (command-timeout)" + quoted(said), null);
                    }
                    switch (e) {
                        case READY -> {
                            return;
                        }
                        case PROMPT -> {
                            if (++prompts > 1) {
                                throw refused(cmd, label, user);
                            }
                            in.write(secret.line());
                            in.flush();
                        }
                        case ENDED -> throw ended(cmd, label, user, prompts, said);
                    }
                }
            } catch (IOException ex) {
                throw failure(cmd, label, "give sudo its password: " + SshErrors.describe(ex, timeout), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                Channels.closeQuietlyCommand(cmd);
                throw new OvlException(ExitCode.INTERRUPTED, "host " + label + ": sudo: interrupted", ex);
            }
        }

        private OvlException ended(Session.Command cmd, String label, String user, int prompts, ByteArrayOutputStream said) {
            String text = text(said);
            if (prompts > 0 && text.contains("incorrect password")) {
                return refused(cmd, label, user);
            }
            if (text.contains("command not found") || text.contains("sudo: not found")) {
                return failure(cmd, label, "become: sudo is set but sudo is not installed on the host; install it"
                        + " or connect as root", null);
            }
            return failure(cmd, label, "sudo ended before the shell started" + quoted(said), null);
        }

        private Refused refused(Session.Command cmd, String label, String user) {
            Channels.closeQuietlyCommand(cmd);
            return new Refused("host " + label + ": sudo refused the password from " + secret.source() + " (for user "
                    + user + ")");
        }

        private static OvlException failure(Session.Command cmd, String label, String why, Exception cause) {
            Channels.closeQuietlyCommand(cmd);
            return new OvlException(ExitCode.HOST_FAILED, "host " + label + ": " + why, cause);
        }

        /** sudo's own words (it never echoes a password), without ovl's prompt words. */
        private String text(ByteArrayOutputStream said) {
            String all;
            synchronized (said) {
                all = said.toString(StandardCharsets.UTF_8);
            }
            return all.replace(new String(prompt, StandardCharsets.US_ASCII), "").strip();
        }

        private String quoted(ByteArrayOutputStream said) {
            String t = text(said).lines().filter(l -> !l.isBlank()).reduce((a, b) -> a + "; " + b).orElse("");
            return t.isEmpty() ? "" : ": " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
        }

        private void read(InputStream err, ByteArrayOutputStream said, BlockingQueue<Event> events) {
            int sincePrompt = 0;
            try {
                int b;
                while ((b = err.read()) >= 0) {
                    synchronized (said) {
                        said.write(b);
                    }
                    sincePrompt++;
                    if (sincePrompt >= prompt.length && endsWith(said, prompt)) {
                        sincePrompt = 0;
                        events.add(Event.PROMPT);
                    } else if (endsWith(said, ready)) {
                        events.add(Event.READY);
                        return; // the rest of stderr is the command's
                    }
                }
            } catch (IOException e) {
                // The channel closed: reported as ENDED.
            }
            events.add(Event.ENDED);
        }

        private static boolean endsWith(ByteArrayOutputStream out, byte[] tail) {
            synchronized (out) {
                if (out.size() < tail.length) {
                    return false;
                }
                byte[] all = out.toByteArray();
                for (int i = 0; i < tail.length; i++) {
                    if (all[all.length - tail.length + i] != tail[i]) {
                        return false;
                    }
                }
                return true;
            }
        }
    }
}
