package io.ovl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * The one place where ovl's text meets the operator's terminal: every character the commands
 * print (stdout and stderr, every command, errors included) passes through this filter, which
 * shows control characters escaped instead of letting them reach the terminal.
 *
 * <h2>Why here</h2>
 * Text from the topology file (keys, values, host names), from hosts (container and network
 * names, Docker's error text, remote stderr quoted in an error) and from the command line
 * (picocli quotes a bad argument back) ends up inside ovl's messages in hundreds of places.
 * Escaping at each place would be forgotten at the next one; escaping where the text leaves the
 * process is not. {@link OvlCommand} installs the filter on the root {@code CommandLine}'s
 * {@code setOut}/{@code setErr} (and on the System streams at start), so whatever writer a
 * caller gives it (the terminal, the shell's JLine writer, a test's {@code StringWriter}) is
 * wrapped, and every command reaches only the wrapped one through {@code getOut()}/{@code getErr()}.
 * The one other sink, the terminal prompt of a confirmation ({@code System.console()}), prints its
 * question through {@link #escape(String)}; picocli's tracer, which writes to the System.err of its
 * start-up, is off unless asked for.
 *
 * <h2>What is escaped</h2>
 * C0 controls except newline and tab (so ESC, BEL, backspace, NUL, and carriage return, which
 * would let text overwrite the start of its own line; ovl's own lines end in "\n" alone), DEL, the C1 controls U+0080..U+009F
 * (U+009B is a one-character CSI on some terminals), and the bidirectional overrides and isolates
 * U+202A..U+202E and U+2066..U+2069 (which reorder what the operator reads). Each is shown as
 * {@code \}{@code u001b}: one notation, which is also a JSON and Java escape meaning the same
 * character, so JSON output, where Jackson has already escaped C0 but not DEL, C1 or bidi, stays
 * valid JSON with the same value. A backslash itself is not escaped: the aim is that no byte
 * reaches the terminal as a control, not that the output can be decoded back.
 *
 * <h2>ovl's own colours</h2>
 * {@link Style} must still colour on a terminal, and so must picocli's help
 * ({@link OvlCommand#helpColours}). Letting through "known" colour sequences would let
 * untrusted text forge them; escaping before concatenation would be the per-call-site scheme this
 * class exists to avoid. Instead, Style writes a <em>marker</em>: a private-use character followed
 * by a secret of random private-use characters chosen by {@link SecureRandom} when the class loads,
 * then one character naming a fixed SGR sequence ({@link Sgr}). This filter turns a whole marker
 * into its ESC sequence and anything else into escaped text. The secret is never printed (a
 * marker is always replaced), so text from a file or a host cannot contain it except by guessing
 * 16 characters from 256 (128 bits); and a forged marker could still only choose among the fixed
 * colours, never move the cursor or set a title. Style and the help write markers only when colour
 * is on (a terminal, NO_COLOR unset), so without colour the output holds no ESC at all.
 */
public final class EscapingWriter extends Writer {
    /** The SGR sequences ovl's styling may emit; a marker names one by its ordinal. */
    enum Sgr {
        RESET("0"), RED("31"), GREEN("32"), YELLOW("33"),
        // For picocli's help (see OvlCommand): bold and italic on and off, the default colour.
        BOLD("1"), NOT_BOLD("22"), ITALIC("3"), NOT_ITALIC("23"), DEFAULT_COLOUR("39");

        private final String parameter;

        Sgr(String parameter) {
            this.parameter = parameter;
        }

        String escape() {
            return "\u001b[" + parameter + "m";
        }

        /** The marker this filter turns into {@link #escape()}. */
        String marker() {
            return Secret.VALUE + (char) (CODE_BASE + ordinal());
        }
    }

    private static final char MARK = '\uE000';
    private static final char CODE_BASE = '\uE010';
    private static final List<Sgr> SGR = List.of(Sgr.values());

    private final Writer sink;
    /** A prefix of a marker seen so far (starts with MARK), or empty. */
    private final StringBuilder pending = new StringBuilder();

    private EscapingWriter(Writer sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** A print writer whose every character passes through this filter; a guarded writer is returned as it is. */
    public static PrintWriter guard(Writer sink) {
        if (sink instanceof Guarded) {
            return (Guarded) sink;
        }
        return new Guarded(new EscapingWriter(sink));
    }

    /** The text as this filter would print it, for places that do not print through a guarded writer. */
    public static String escape(String text) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (EscapingWriter w = new EscapingWriter(out)) {
            w.write(text);
        } catch (IOException e) {
            throw new AssertionError("StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** True for the characters this filter never lets through as they are. */
    static boolean unsafe(int c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        StringBuilder out = new StringBuilder(len + 16);
        for (int i = off; i < off + len; i++) {
            accept(chars[i], out);
        }
        sink.write(out.toString());
    }

    private void accept(char c, StringBuilder out) {
        if (!pending.isEmpty()) {
            String secret = Secret.VALUE;
            if (pending.length() < secret.length() && c == secret.charAt(pending.length())) {
                pending.append(c);
                return;
            }
            if (pending.length() == secret.length() && c >= CODE_BASE && c < CODE_BASE + SGR.size()) {
                out.append(SGR.get(c - CODE_BASE).escape());
                pending.setLength(0);
                return;
            }
            out.append(pending); // not a marker: plain private-use text, safe as it is
            pending.setLength(0);
        }
        if (c == MARK) {
            pending.append(c);
        } else if (unsafe(c)) {
            out.append(String.format("\\u%04x", (int) c));
        } else {
            out.append(c);
        }
    }

    private void drain() throws IOException {
        String out = pending.toString();
        pending.setLength(0);
        sink.write(out);
    }

    @Override
    public void flush() throws IOException {
        // A marker is always written in one piece, so a pending prefix at a flush is plain text.
        drain();
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        drain();
        sink.close();
    }

    /**
     * MARK then 16 characters from U+E100..U+E1FF (never MARK itself, so a mismatch never hides
     * one). A holder class: SecureRandom costs tens of milliseconds of start-up, paid only by a
     * run that colours or prints U+E000.
     */
    private static final class Secret {
        static final String VALUE = make();

        private static String make() {
            SecureRandom random = new SecureRandom();
            StringBuilder s = new StringBuilder().append(MARK);
            for (int i = 0; i < 16; i++) {
                s.append((char) (0xE100 + random.nextInt(256)));
            }
            return s.toString();
        }
    }

    /** The guarded print writer; a type of its own so that guarding twice is a no-op. */
    private static final class Guarded extends PrintWriter {
        Guarded(EscapingWriter filter) {
            super(filter, true);
        }
    }
}
