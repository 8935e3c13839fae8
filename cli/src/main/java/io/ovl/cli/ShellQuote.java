package io.ovl.cli;

import java.util.regex.Pattern;

/** Quotes one argument for display as a POSIX shell word, so a printed command can be pasted safely. */
final class ShellQuote {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {
    }

    static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
