package io.ovl.cli;

import java.util.Map;

/**
 * ANSI colour for the human view: only on a terminal, never when NO_COLOR is set (any value, as
 * no-color.org says) or TERM is "dumb". Off, every method returns the text unchanged.
 */
record Colour(boolean enabled) {
    static final Colour OFF = new Colour(false);

    static Colour forTerminal(Map<String, String> env, boolean terminal) {
        boolean noColor = env.containsKey("NO_COLOR");
        boolean dumb = "dumb".equals(env.get("TERM"));
        return new Colour(terminal && !noColor && !dumb);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String bold(String s) {
        return wrap("1", s);
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
