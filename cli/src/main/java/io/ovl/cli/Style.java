package io.ovl.cli;

/** ANSI colour for human output, or plain text when colour is off. */
final class Style {
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String GREEN = "\u001b[32m";
    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    Style(boolean enabled) {
        this.enabled = enabled;
    }

    String error(String s) {
        return paint(RED, s);
    }

    String warning(String s) {
        return paint(YELLOW, s);
    }

    String ok(String s) {
        return paint(GREEN, s);
    }

    private String paint(String code, String s) {
        return enabled ? code + s + RESET : s;
    }
}
