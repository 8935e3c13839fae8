package io.ovl.cli;

import io.ovl.ssh.SessionPool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands read from the process around them, passed in rather than read from globals so
 * tests can set it: environment variables, the working directory, whether stdout is a terminal,
 * and the SSH sessions of an enclosing {@code ovl shell} (empty: each command opens its own).
 */
public record CliEnvironment(Map<String, String> env, Path workingDir, boolean stdoutIsTerminal,
        Optional<SessionPool> sessions) {
    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(sessions, "sessions");
    }

    public CliEnvironment(Map<String, String> env, Path workingDir, boolean stdoutIsTerminal) {
        this(env, workingDir, stdoutIsTerminal, Optional.empty());
    }

    /** The same environment, with one variable set (the shell sets OVL_TOPOLOGY). */
    public CliEnvironment withVariable(String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return new CliEnvironment(copy, workingDir, stdoutIsTerminal, sessions);
    }

    /** The same environment, with sessions that outlive one command. */
    public CliEnvironment withSessions(SessionPool pool) {
        return new CliEnvironment(env, workingDir, stdoutIsTerminal, Optional.of(pool));
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
