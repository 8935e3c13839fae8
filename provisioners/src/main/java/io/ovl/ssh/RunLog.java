package io.ovl.ssh;

/**
 * Where a run's record goes: every remote command a {@link HostSession} runs (on its shells, in a
 * fact batch, started on a channel of its own) and every Docker API request on its channels, with
 * how it ended and how long it took. The implementation that writes the file is
 * {@code io.ovl.runlog.RunLogFile}; {@link #NONE} records nothing (read-only commands, tests).
 *
 * <p>Reporters hand over text that is already redacted ({@link Redaction}): arguments quoted
 * with {@link RemoteCommand#quote}, the values of environment assignments, swarm join tokens,
 * private keys and the session's sudo password replaced; standard input, output and request or
 * response bodies are never reported, only their size where it helps.
 */
@FunctionalInterface
public interface RunLog {
    RunLog NONE = entry -> {
    };

    /** Records one finished (or failed) step; must not throw, and must be safe from many threads. */
    void record(Entry entry);

    /** True unless this is {@link #NONE}: reporters skip their timing for a log that drops everything. */
    default boolean on() {
        return this != NONE;
    }

    /**
     * One line of the log.
     *
     * @param host    the topology host it ran on
     * @param kind    {@code shell} (a persistent shell), {@code batch} (one command of a fact batch),
     *                {@code start} (its own channel), {@code docker} (an Engine API request)
     * @param what    the command as quoted argv, or {@code METHOD /path}; redacted
     * @param outcome {@code exit=N}, {@code http=N}, or {@code failed} (it did not run or end)
     * @param millis  how long it took; -1 when not measured on its own (a command inside a batch)
     * @param detail  on failure, the first line of stderr or the error (redacted); else empty
     */
    record Entry(String host, String kind, String what, String outcome, long millis, String detail) {
    }
}
