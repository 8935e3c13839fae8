package io.ovl.addressing;

/** An ERROR makes the input invalid; a WARNING is printed but the input is still accepted. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
