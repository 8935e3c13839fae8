package io.ovl.facts;

import io.ovl.ssh.RemoteShell;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.CommandResult;
import io.ovl.core.OvlException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One fact gathered from a host: its value, or why it is not known (the command failed, its
 * output did not parse). Checks turn an unknown fact into a failure or a skip with that reason,
 * so a missing tool is reported once, where it matters, instead of aborting the host.
 */
public sealed interface Fact<T> {

    record Known<T>(T get) implements Fact<T> {
        public Known {
            Objects.requireNonNull(get, "get");
        }
    }

    record Unknown<T>(String why) implements Fact<T> {
        public Unknown {
            Objects.requireNonNull(why, "why");
        }
    }

    static <T> Fact<T> known(T value) {
        return new Known<>(value);
    }

    static <T> Fact<T> unknown(String why) {
        return new Unknown<>(why);
    }

    /**
     * Runs {@code command} on a host and parses its stdout. Not being able to run it, a non-zero
     * exit status and output that does not parse each make an unknown fact with the reason, so
     * one missing tool costs one fact, not the host.
     */
    static <T> Fact<T> of(RemoteShell shell, RemoteCommand command, Function<String, T> parse) {
        CommandResult r;
        try {
            r = shell.run(command);
        } catch (OvlException e) {
            return unknown(e.getMessage());
        }
        return of(r, parse);
    }

    /** The fact a finished command gives: its parsed stdout, or why not. */
    static <T> Fact<T> of(CommandResult r, Function<String, T> parse) {
        if (!r.succeeded()) {
            return unknown(failure(r));
        }
        try {
            return known(parse.apply(r.stdoutText()));
        } catch (RuntimeException e) {
            return unknown(e.getMessage());
        }
    }

    /** "`docker info ...` exited with status 1: Cannot connect to the Docker daemon ..." */
    static String failure(CommandResult r) {
        String err = r.stderrText().strip();
        if (err.isEmpty()) {
            err = r.stdoutText().strip();
        }
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        String what = r.exitCode() == 127 ? "not found (exit 127)" : "exited with status " + r.exitCode();
        return "`" + r.command().toShellString() + "` " + what + (first.isEmpty() ? "" : ": " + first);
    }

    default Optional<T> value() {
        return this instanceof Known<T> k ? Optional.of(k.get()) : Optional.empty();
    }

    default boolean isKnown() {
        return this instanceof Known;
    }

    /** Why the fact is unknown; empty when it is known. */
    default String why() {
        return this instanceof Unknown<T> u ? u.why() : "";
    }

    default <R> Fact<R> map(Function<T, R> f) {
        return this instanceof Known<T> k ? new Known<>(f.apply(k.get())) : new Unknown<>(why());
    }
}
