package io.ovl.doctor;

import io.ovl.core.OvlException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.StartedCommand;
import java.time.Duration;
import java.util.Optional;

/**
 * One half of the port probe running on one host (a listener or a sender), as {@link PortProber}
 * drives it: started, read until the line that says it is there ("READY", "START"), told "GO",
 * then read to its end. A side that cannot start, ends early or stays silent past its bound is
 * failed with the reason, and every later step on it does nothing: the probe names it instead of
 * waiting for it.
 */
final class ProbeSide implements AutoCloseable {
    private final String host;
    private final String role;
    private final Optional<StartedCommand> command;
    private Optional<String> failure;

    private ProbeSide(String host, String role, Optional<StartedCommand> command, Optional<String> failure) {
        this.host = host;
        this.role = role;
        this.command = command;
        this.failure = failure;
    }

    /** @param role "listener" or "sender", for messages */
    static ProbeSide start(String host, String role, CommandStarter starter, RemoteCommand command, boolean privileged) {
        try {
            return new ProbeSide(host, role, Optional.of(starter.start(command, privileged)), Optional.empty());
        } catch (OvlException e) {
            return failed(host, role, e.getMessage());
        }
    }

    static ProbeSide failed(String host, String role, String why) {
        return new ProbeSide(host, role, Optional.empty(), Optional.of(why));
    }

    String host() {
        return host;
    }

    /** Why this side did not run (as far as it had to), if it did not. */
    synchronized Optional<String> failure() {
        return failure;
    }

    /**
     * Reads stdout until the line {@code marker}, for at most the host's command timeout and never
     * more than {@code atMost} (sudo on a host that cannot resolve its own name takes 11 s and more).
     *
     * @return true when it came; false when the side failed, ended first or stayed silent (now failed)
     */
    boolean awaitLine(String marker, Duration atMost) {
        if (failure().isPresent()) {
            return false;
        }
        StartedCommand c = command.get();
        Duration bound = c.commandTimeout().compareTo(atMost) < 0 ? c.commandTimeout() : atMost;
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            for (long left = bound.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                Optional<String> line = c.readLine(Duration.ofNanos(left));
                if (line.isPresent() && line.get().strip().equals(marker)) {
                    return true;
                }
                if (line.isEmpty() && c.stdoutEnded()) {
                    fail(endedEarly(c, marker, bound));
                    return false;
                }
            }
        } catch (OvlException e) {
            fail(e.getMessage());
            return false;
        }
        fail("host " + host + ": the probe " + role + " did not say " + marker + " within " + seconds(bound));
        return false;
    }

    /** Why a side whose output ended before {@code marker}: its exit status and error, or sudo's. */
    private String endedEarly(StartedCommand c, String marker, Duration bound) {
        try {
            CommandResult r = c.finish(bound);
            return r.succeeded() ? "host " + host + ": the probe " + role + " ended before saying " + marker : exited(r);
        } catch (OvlException e) {
            return e.getMessage();
        }
    }

    /** Writes {@code line} to a side still running; a side that already ended needs no telling. */
    void tell(String line) {
        if (failure().isEmpty()) {
            command.get().writeLine(line);
        }
    }

    /** Waits at most {@code bound} for the side to end: its output, or why there is none. */
    ProbeRun finish(Duration bound) {
        if (failure().isPresent()) {
            return ProbeRun.failed(failure().get());
        }
        try {
            CommandResult r = command.get().finish(bound);
            if (!r.succeeded()) {
                return ProbeRun.failed(exited(r));
            }
            return ProbeRun.of(r.stdoutText());
        } catch (OvlException e) {
            return ProbeRun.failed(e.getMessage());
        }
    }

    /** "host h3: the probe listener exited with status 2: FIRST LINE OF STDERR", never the inline script. */
    private String exited(CommandResult r) {
        String err = r.stderrText().strip();
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        return "host " + host + ": the probe " + role + (r.exitCode() == 127
                ? " could not start (exit 127; the probe needs perl on the host)"
                : " exited with status " + r.exitCode()) + (first.isEmpty() ? "" : ": " + first);
    }

    private synchronized void fail(String why) {
        failure = Optional.of(why);
    }

    /** Ends the side's channel without waiting; a listener then ends too (its stdin closes). */
    @Override
    public void close() {
        command.ifPresent(StartedCommand::close);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** What a side printed to the end, or why it did not run. */
    record ProbeRun(Optional<String> error, String stdout) {
        static ProbeRun of(String stdout) {
            return new ProbeRun(Optional.empty(), stdout);
        }

        static ProbeRun failed(String why) {
            return new ProbeRun(Optional.of(why), "");
        }
    }
}
