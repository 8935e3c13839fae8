package io.ovl.lab;

import java.util.List;

/** What a finished local process did: its command line, exit code and captured output. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** One line for assertion messages: the command, its exit code and its stderr. */
    public String describe() {
        return String.join(" ", command) + " -> exit " + exitCode
                + (stderr.isBlank() ? "" : ", stderr: " + stderr.strip());
    }
}
