package io.ovl.ssh;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Many fixed commands run in ONE remote exec: one channel, one login shell, one sudo, one round
 * trip, instead of one of each per command (doctor's fact gathering: 14 commands per host). The
 * commands go to {@code sh -s} as a script on its standard input, each written with
 * {@link RemoteCommand#toShellString()}, so every argument is quoted exactly as when it is sent on
 * its own: no value can change a command's meaning. Nothing of the script is on the remote
 * command line.
 *
 * <p>The answer is split back into one {@link CommandResult} per command, with its own exit
 * status, stdout and stderr. After each command the script writes a frame line to stdout and to
 * stderr: {@code "\n" + MARKER + " " + index + " " + status + "\n"} on stdout and
 * {@code "\n" + MARKER + " " + index + "\n"} on stderr, where MARKER holds 128 random bits made
 * for this batch. A command's own output cannot end its frame early unless it prints those random
 * bits, which it never saw (they travel only on the script's stdin, and every command's stdin is
 * {@code /dev/null}). Output that does not frame exactly as expected is refused
 * ({@link OvlException}), never guessed at.
 *
 * <p>A frame {@code start} comes first on both streams: whatever a login shell prints before the
 * script runs (a noisy {@code .bashrc}, a sudo warning) is dropped instead of being taken for the
 * first command's output.
 */
public final class CommandBatch {
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final String START = "start";

    private final List<RemoteCommand> commands;
    private final String marker;

    private CommandBatch(List<RemoteCommand> commands, String nonce) {
        this.commands = List.copyOf(commands);
        if (this.commands.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one command");
        }
        for (RemoteCommand c : this.commands) {
            if (c.stdin().isPresent()) {
                // Every command's stdin is /dev/null (the script itself arrives on sh's stdin).
                throw new IllegalArgumentException("a batched command cannot take stdin: " + c);
            }
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("nonce must be 32 lower-case hex digits: " + nonce);
        }
        this.marker = "ovl-batch-" + nonce;
    }

    /** A batch of {@code commands}, framed with a fresh random marker. */
    public static CommandBatch of(List<RemoteCommand> commands) {
        byte[] bits = new byte[16];
        new SecureRandom().nextBytes(bits);
        return of(commands, HexFormat.of().formatHex(bits));
    }

    /**
     * A batch framed with the given marker (32 lower-case hex digits), for tests that must know
     * the exact request; real runs use {@link #of(List)}, whose marker no command can have seen.
     */
    public static CommandBatch of(List<RemoteCommand> commands, String nonce) {
        return new CommandBatch(commands, nonce);
    }

    /** The frame marker, {@code ovl-batch-} and the nonce. */
    public String marker() {
        return marker;
    }

    /**
     * Runs every command in one exec on {@code shell} and returns their results in order.
     *
     * @throws OvlException when the batch could not run at all (connection, timeout, sudo) or its
     *                      output is not framed as expected; nothing is known of any command then
     */
    public static List<CommandResult> run(RemoteShell shell, List<RemoteCommand> commands) {
        CommandBatch batch = of(commands);
        return batch.results(shell.run(batch.request()));
    }

    public List<RemoteCommand> commands() {
        return commands;
    }

    /** What is sent: {@code sh -s}, the script on its stdin. */
    public RemoteCommand request() {
        return RemoteCommand.of("sh", "-s").withStdin(script().getBytes(StandardCharsets.UTF_8));
    }

    /** The script {@code sh -s} reads; the marker is a constant word in it, each command quoted argument by argument. */
    String script() {
        StringBuilder s = new StringBuilder();
        s.append("m=").append(marker).append('\n');
        s.append("printf '\\n%s ").append(START).append("\\n' \"$m\"; printf '\\n%s ").append(START)
                .append("\\n' \"$m\" >&2\n");
        for (int i = 0; i < commands.size(); i++) {
            s.append(commands.get(i).toShellString()).append(" </dev/null\n");
            s.append("s=$?; printf '\\n%s %d %d\\n' \"$m\" ").append(i).append(" \"$s\"; printf '\\n%s %d\\n' \"$m\" ")
                    .append(i).append(" >&2\n");
        }
        s.append("exit 0\n");
        return s.toString();
    }

    /**
     * Splits the batch's answer into one result per command, each naming its own command (so
     * errors read as if it had run alone).
     *
     * @throws OvlException when a frame is missing, out of order or malformed
     */
    public List<CommandResult> results(CommandResult answer) {
        Frames out = new Frames(answer.stdout(), answer, "stdout");
        Frames err = new Frames(answer.stderr(), answer, "stderr");
        out.skipTo(START);
        err.skipTo(START);
        List<CommandResult> results = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            Frames.Segment o = out.next();
            Frames.Segment e = err.next();
            String expected = Integer.toString(i);
            String[] words = o.tag().split(" ", -1);
            if (words.length != 2 || !words[0].equals(expected) || !e.tag().equals(expected)) {
                throw unframed(answer, "expected the frame of command " + i + ", found \"" + o.tag() + "\" on stdout and \""
                        + e.tag() + "\" on stderr");
            }
            int status;
            try {
                status = Integer.parseInt(words[1]);
            } catch (NumberFormatException ex) {
                throw unframed(answer, "exit status of command " + i + " is not a number: " + words[1]);
            }
            results.add(new CommandResult(answer.host(), commands.get(i), status, o.bytes(), e.bytes()));
        }
        out.requireEnd();
        err.requireEnd();
        return List.copyOf(results);
    }

    private static OvlException unframed(CommandResult answer, String why) {
        String err = answer.stderrText().strip();
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        return new OvlException(ExitCode.HOST_FAILED, "host " + answer.host() + ": batched commands (`sh -s`, exit "
                + answer.exitCode() + "): " + why + (first.isEmpty() ? "" : "; stderr: " + first));
    }

    /** One output stream cut at its frame lines. */
    private final class Frames {
        record Segment(byte[] bytes, String tag) {
        }

        private final byte[] data;
        private final CommandResult answer;
        private final String stream;
        private final byte[] lead;
        private int pos;

        Frames(byte[] data, CommandResult answer, String stream) {
            this.data = data;
            this.answer = answer;
            this.stream = stream;
            this.lead = ("\n" + marker + " ").getBytes(StandardCharsets.UTF_8);
        }

        /** Drops everything up to and including the frame tagged {@code tag}. */
        void skipTo(String tag) {
            Segment s = next();
            if (!s.tag().equals(tag)) {
                throw unframed(answer, stream + " does not start with the batch's start frame");
            }
        }

        /** The bytes up to the next frame line, and that line's tag. */
        Segment next() {
            int at = Channels.indexOf(data, lead, pos);
            if (at < 0) {
                throw unframed(answer, stream + " ends before every command's frame (the batch stopped early)");
            }
            int tagStart = at + lead.length;
            int eol = Channels.indexOf(data, new byte[] {'\n'}, tagStart);
            if (eol < 0) {
                throw unframed(answer, stream + " has an unfinished frame line");
            }
            byte[] bytes = Arrays.copyOfRange(data, pos, at);
            String tag = new String(data, tagStart, eol - tagStart, StandardCharsets.UTF_8);
            pos = eol + 1;
            return new Segment(bytes, tag);
        }

        void requireEnd() {
            if (Channels.indexOf(data, lead, pos) >= 0) {
                throw unframed(answer, stream + " has more frames than commands");
            }
        }
    }
}
