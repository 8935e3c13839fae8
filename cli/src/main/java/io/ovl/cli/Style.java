package io.ovl.cli;

/**
 * ANSI colour for human output, or plain text when colour is off. The colours are markers that
 * only {@link EscapingWriter} turns into ESC sequences, so text from a file or a host cannot forge
 * them (see there).
 */
final class Style {
    private static final String RED = EscapingWriter.Sgr.RED.marker();
    private static final String YELLOW = EscapingWriter.Sgr.YELLOW.marker();
    private static final String GREEN = EscapingWriter.Sgr.GREEN.marker();
    private static final String RESET = EscapingWriter.Sgr.RESET.marker();

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
