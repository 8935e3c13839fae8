package io.ovl.render;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quotes arguments for a systemd command line (ExecStart=) by systemd's rules, which are not the
 * shell's (systemd.service(5), "Command lines", and systemd.unit(5), "Specifiers"):
 * <ul>
 *   <li>"%" starts a specifier everywhere on the line: a literal one is "%%".</li>
 *   <li>"$" starts an environment reference: a literal one is "$$".</li>
 *   <li>A word with whitespace, quotes, backslashes, ';' or control characters is wrapped in
 *       double quotes, inside which \\, \" and C escapes (\n, \t, \xNN) are used.</li>
 *   <li>A word that is exactly ";" would end the command: it is written "\;".</li>
 * </ul>
 * {@link io.ovl.facts.SystemdWords#split} is the inverse, and the tests check both directions.
 */
public final class SystemdQuoting {
    /** Characters that never need quotes (after % and $ are doubled). */
    private static final String SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-$";

    private SystemdQuoting() {
    }

    /** One argument as a systemd word that stands for exactly {@code arg}. */
    public static String quote(String arg) {
        if (arg.equals(";")) {
            return "\\;";
        }
        String literal = arg.replace("%", "%%").replace("$", "$$");
        if (!literal.isEmpty() && literal.chars().allMatch(c -> SAFE.indexOf(c) >= 0)) {
            return literal;
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The arguments quoted and joined by single spaces. */
    public static String join(List<String> args) {
        return args.stream().map(SystemdQuoting::quote).collect(Collectors.joining(" "));
    }
}
