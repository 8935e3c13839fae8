package io.ovl.ssh;

import java.time.Duration;
import java.util.Optional;

/**
 * A command that runs on a host while its starter ({@link CommandStarter}) talks to it: stdout
 * line by line as it arrives, stdin a line at a time, then the whole result. Every wait is bounded
 * by the caller, and {@link #close()} never blocks, so a host that stops answering cannot hold up
 * the others. Failures to run at all throw {@link io.ovl.core.OvlException} naming the host and the
 * step, as {@link RemoteShell} does.
 */
public interface StartedCommand extends AutoCloseable {

    /**
     * The next whole line of stdout (without its newline), waiting at most {@code timeout}.
     * Empty when no line came in time, or when stdout ended ({@link #stdoutEnded()} tells which).
     * A last line without a newline counts once stdout ends.
     */
    Optional<String> readLine(Duration timeout);

    /** True once stdout has ended and every line of it was read. */
    boolean stdoutEnded();

    /**
     * Writes {@code line} and a newline to the command's stdin and flushes it.
     *
     * @return false when the command no longer takes input (it ended or closed its stdin): the
     *         caller decides whether that matters, as with {@link RemoteShell}'s input
     */
    boolean writeLine(String line);

    /** Sends end-of-file on stdin; does nothing when it is already closed. */
    void closeStdin();

    /**
     * Waits at most {@code timeout} for the command to exit, then returns its exit status and all
     * of its stdout (the lines already read included) and stderr. A non-zero status is returned,
     * not thrown.
     *
     * @throws io.ovl.core.OvlException naming the host and step when it did not exit in time, or
     *         ended without an exit status, or sudo refused to run it
     */
    CommandResult finish(Duration timeout);

    /** The host's limit for one step (command-timeout): what a caller allows one wait that includes sudo. */
    Duration commandTimeout();

    /**
     * Ends the channel: closes it quietly after {@link #finish}, else asks the host to stop the
     * command and closes on a background thread. Never blocks, never throws.
     */
    @Override
    void close();
}
