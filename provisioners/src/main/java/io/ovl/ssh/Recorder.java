package io.ovl.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How one {@link HostSession} view reports to its {@link RunLog}: times each step, and hands over
 * the command as {@link Redaction#argvShortened} shows it, its exit status, and on failure the first line
 * of stderr or the error, with the session's password replaced ({@link Escalation#redact}).
 */
final class Recorder {
    private final RunLog log;
    private final String host;
    private final Escalation escalation;

    Recorder(RunLog log, String host, Escalation escalation) {
        this.log = log;
        this.host = host;
        this.escalation = escalation;
    }

    RunLog log() {
        return log;
    }

    /** The log as the Docker API and other reporters of this host see it: every text redacted. */
    RunLog redacting() {
        if (!log.on()) {
            return RunLog.NONE;
        }
        return e -> log.record(new RunLog.Entry(e.host(), e.kind(), clean(e.what()), e.outcome(), e.millis(),
                clean(e.detail())));
    }

    /** Runs {@code step} (a command on a persistent shell) and records how it ended. */
    CommandResult run(String kind, RemoteCommand command, Supplier<CommandResult> step) {
        if (!log.on()) {
            return step.get();
        }
        long start = System.nanoTime();
        try {
            CommandResult r = step.get();
            finished(kind, command, r, millisSince(start));
            return r;
        } catch (RuntimeException e) {
            failed(kind, command, millisSince(start), e);
            throw e;
        }
    }

    /** Runs a fact batch: one line for the exec, then one per command in it with its own exit status. */
    List<CommandResult> batch(CommandBatch batch, Supplier<CommandResult> exec) {
        if (!log.on()) {
            return batch.results(exec.get());
        }
        CommandResult answer = run("shell", batch.request(), exec);
        try {
            List<CommandResult> results = batch.results(answer);
            for (CommandResult r : results) {
                finished("batch", r.command(), r, -1);
            }
            return results;
        } catch (RuntimeException e) {
            record("batch", "(" + batch.commands().size() + " commands)", "failed", -1, e.getMessage());
            throw e;
        }
    }

    /** Starts a streamed command; it is recorded when it finishes, or when it is closed first. */
    StartedCommand start(RemoteCommand command, Supplier<StartedCommand> starter) {
        if (!log.on()) {
            return starter.get();
        }
        long start = System.nanoTime();
        StartedCommand started;
        try {
            started = starter.get();
        } catch (RuntimeException e) {
            failed("start", command, millisSince(start), e);
            throw e;
        }
        return new Recorded(started, command, start);
    }

    private void finished(String kind, RemoteCommand command, CommandResult r, long millis) {
        record(kind, Redaction.argvShortened(command.argv()) + stdinSize(command), "exit=" + r.exitCode(), millis,
                r.succeeded() ? "" : firstLine(r.stderrText()));
    }

    private void failed(String kind, RemoteCommand command, long millis, RuntimeException e) {
        record(kind, Redaction.argvShortened(command.argv()) + stdinSize(command), "failed", millis,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void record(String kind, String what, String outcome, long millis, String detail) {
        try {
            log.record(new RunLog.Entry(host, kind, clean(what), outcome, millis, clean(firstLine(detail))));
        } catch (RuntimeException e) {
            // A log that cannot be written never changes what the run does.
        }
    }

    private String clean(String text) {
        return escalation.redact(Redaction.text(text));
    }

    /** Standard input is never logged: only that there was some, and its size. */
    private static String stdinSize(RemoteCommand command) {
        return command.stdin().map(b -> " <(" + b.length + " bytes)").orElse("");
    }

    static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    static long millisSince(long nanoStart) {
        return Duration.ofNanos(System.nanoTime() - nanoStart).toMillis();
    }

    /** A started command that records itself once: at {@link #finish}, or at {@link #close} without an exit. */
    private final class Recorded implements StartedCommand {
        private final StartedCommand inner;
        private final RemoteCommand command;
        private final long start;
        private boolean recorded;

        Recorded(StartedCommand inner, RemoteCommand command, long start) {
            this.inner = inner;
            this.command = command;
            this.start = start;
        }

        @Override
        public Optional<String> readLine(Duration timeout) {
            return inner.readLine(timeout);
        }

        @Override
        public boolean stdoutEnded() {
            return inner.stdoutEnded();
        }

        @Override
        public boolean writeLine(String line) {
            return inner.writeLine(line);
        }

        @Override
        public void closeStdin() {
            inner.closeStdin();
        }

        @Override
        public CommandResult finish(Duration timeout) {
            try {
                CommandResult r = inner.finish(timeout);
                once(() -> finished("start", command, r, millisSince(start)));
                return r;
            } catch (RuntimeException e) {
                once(() -> failed("start", command, millisSince(start), e));
                throw e;
            }
        }

        @Override
        public Duration commandTimeout() {
            return inner.commandTimeout();
        }

        @Override
        public void close() {
            once(() -> record("start", Redaction.argvShortened(command.argv()), "closed", millisSince(start),
                    "closed before it exited"));
            inner.close();
        }

        private synchronized void once(Runnable r) {
            if (!recorded) {
                recorded = true;
                r.run();
            }
        }
    }
}
