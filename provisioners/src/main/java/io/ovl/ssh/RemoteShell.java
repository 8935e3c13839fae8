package io.ovl.ssh;

/**
 * The one seam through which everything reaches a host's shell (like docker-machine's SSHCommand).
 * {@link HostSession} implements it over SSH; {@code FakeRemoteShell} in the test sources
 * implements it with answers keyed on exact commands, so provisioners can be unit-tested, and
 * one contract test class runs against both.
 *
 * <p>Contract: the command's arguments arrive at the remote program exactly as given; the
 * result carries exit status, stdout and stderr, and a non-zero status is returned, not thrown.
 * Failures to run at all (connection lost, timeout, sudo wanting a password) throw
 * {@link io.ovl.core.OvlException} naming the host and the step.
 */
@FunctionalInterface
public interface RemoteShell {
    CommandResult run(RemoteCommand command);

    /**
     * Runs {@code batch} in one exec and splits the answer into one result per command
     * ({@link CommandBatch#results}). A session records each command of it in the run log.
     *
     * @throws io.ovl.core.OvlException as {@link CommandBatch#results} and {@link #run(RemoteCommand)}
     */
    default java.util.List<CommandResult> run(CommandBatch batch) {
        return batch.results(run(batch.request()));
    }

    /**
     * Makes the shell ready for commands (connected, privilege escalated) without running one, so
     * that the round trip of the next command is that command's own: doctor times a host's clock
     * reading, and on a host whose sudo takes seconds the escalation must not widen the reading's
     * uncertainty. Nothing to do for a shell that is always ready.
     */
    default void ready() {
    }
}
