package io.ovl.ssh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password ovl holds for a run (the sudo password of {@code become-password-env}): its bytes
 * are only ever written to sudo's standard input. {@link #toString()} never shows them, so a
 * secret that ends up in a log line, an exception message or a record's text shows as
 * {@code Secret[from OVL_SUDO_PASSWORD]}.
 */
public final class Secret {
    private final byte[] utf8;
    private final String source;

    private Secret(byte[] utf8, String source) {
        this.utf8 = utf8;
        this.source = source;
    }

    /**
     * @param chars  the password; copied, the caller may clear its array
     * @param source where it came from, for messages: a variable name, or "the terminal"
     * @throws IllegalArgumentException (without the password in its message) for a password sudo
     *     cannot read as one line: with a line break or a NUL in it
     */
    public static Secret of(char[] chars, String source) {
        Objects.requireNonNull(source, "source");
        for (char c : chars) {
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new IllegalArgumentException("the password from " + source + " holds a line break or a NUL"
                        + " character; sudo reads the password as one line");
            }
        }
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return new Secret(bytes, source);
    }

    /** Where the password came from ("OVL_SUDO_PASSWORD", "the terminal"): safe to print. */
    public String source() {
        return source;
    }

    /** True for a password of no characters. */
    public boolean isEmpty() {
        return utf8.length == 0;
    }

    /** The password and a newline, as sudo -S reads it: a fresh copy, for writing to a channel only. */
    byte[] line() {
        byte[] line = Arrays.copyOf(utf8, utf8.length + 1);
        line[utf8.length] = '\n';
        return line;
    }

    /** Whether {@code text} holds the password: for tests that prove it never leaks. */
    public boolean appearsIn(String text) {
        return !isEmpty() && text.contains(new String(utf8, StandardCharsets.UTF_8));
    }

    /**
     * {@code text} with every occurrence of the password replaced by {@code <redacted: SOURCE>}:
     * what a run log does to anything it is given from a host that has this password.
     */
    public String redact(String text) {
        if (isEmpty()) {
            return text;
        }
        return text.replace(new String(utf8, StandardCharsets.UTF_8), "<redacted: password from " + source + ">");
    }

    @Override
    public String toString() {
        return "Secret[from " + source + "]";
    }
}
