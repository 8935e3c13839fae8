package io.ovl.cli;

public enum OutputFormat {
    text,
    json
}
