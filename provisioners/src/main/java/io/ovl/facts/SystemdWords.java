package io.ovl.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a systemd command line (the value of ExecStart=) into words by systemd's rules, not the
 * shell's (systemd.service(5), "Command lines"): words split on whitespace; double or single quotes
 * wrap a word; C-style escapes (\n, \t, \\, \", \', \s, \xNN, \NNN) work inside and outside quotes;
 * a lone "\;" is a literal ";"; "%%" is a literal "%" and "$$" a literal "$".
 *
 * <p>Environment references ("$DOCKER_OPTS", "${FOO}") and specifiers ("%n") are left as written:
 * only systemd at start time knows their values. {@code io.ovl.render.SystemdQuoting} is the inverse.
 */
public final class SystemdWords {

    private SystemdWords() {
    }

    /** @throws IllegalArgumentException for an unterminated quote or a bad escape */
    public static List<String> split(String commandLine) {
        String line = collapsePercent(commandLine);
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return List.copyOf(words);
            }
            if (line.startsWith("\\;", i) && (i + 2 == n || isSpace(line.charAt(i + 2)))) {
                words.add(";");
                i += 2;
                continue;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (i < n) {
                char c = line.charAt(i);
                if (quote == 0 && isSpace(c)) {
                    break;
                }
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    i++;
                } else if (c == '\\') {
                    i = unescape(line, i + 1, word);
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("unterminated " + quote + " quote in: " + commandLine);
            }
            words.add(word.toString().replace("$$", "$"));
        }
    }

    // Specifiers are expanded on the whole line before it is split; only "%%" has a fixed meaning.
    private static String collapsePercent(String s) {
        return s.replace("%%", "%");
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Appends the character an escape after a backslash stands for; returns the index after it. */
    private static int unescape(String s, int i, StringBuilder out) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("backslash at the end of: " + s);
        }
        char c = s.charAt(i);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000B');
            case 's' -> out.append(' ');
            case '\\', '"', '\'' -> out.append(c);
            case 'x' -> {
                out.append((char) Integer.parseInt(hex(s, i + 1, 2), 16));
                return i + 3;
            }
            case 'u' -> {
                out.appendCodePoint(Integer.parseInt(hex(s, i + 1, 4), 16));
                return i + 5;
            }
            case 'U' -> {
                out.appendCodePoint(Integer.parseInt(hex(s, i + 1, 8), 16));
                return i + 9;
            }
            default -> {
                if (c >= '0' && c <= '7' && i + 2 < s.length()) {
                    out.append((char) Integer.parseInt(s.substring(i, i + 3), 8));
                    return i + 3;
                }
                throw new IllegalArgumentException("unknown escape \\" + c + " in: " + s);
            }
        }
        return i + 1;
    }

    private static String hex(String s, int from, int len) {
        if (from + len > s.length() || !s.substring(from, from + len).matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("bad hex escape in: " + s);
        }
        return s.substring(from, from + len);
    }
}
