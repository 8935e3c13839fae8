package io.ovl.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands read from the process around them, passed in rather than read from globals so
 * tests can set it: environment variables, the working directory, whether stdout is a terminal.
 */
public record CliEnvironment(Map<String, String> env, Path workingDir, boolean stdoutIsTerminal) {
    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
    }

    /** The real process: an empty working dir keeps relative paths as the user typed them. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(""), System.console() != null);
    }

    /** Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org). */
    public boolean colour() {
        return stdoutIsTerminal && env.getOrDefault("NO_COLOR", "").isEmpty();
    }
}
