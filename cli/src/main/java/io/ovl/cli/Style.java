package io.ovl.cli;

/**
 * ANSI colour for human output, or plain text when colour is off. The colours are markers that
 * only {@link EscapingWriter} turns into ESC sequences, so text from a file or a host cannot forge
 * them (see there).
 */
final class Style {
    private static final EscapingWriter.Sgr RED = EscapingWriter.Sgr.RED;
    private static final EscapingWriter.Sgr YELLOW = EscapingWriter.Sgr.YELLOW;
    private static final EscapingWriter.Sgr GREEN = EscapingWriter.Sgr.GREEN;

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

    private String paint(EscapingWriter.Sgr code, String s) {
        return enabled ? code.marker() + s + EscapingWriter.Sgr.RESET.marker() : s;
    }
}
