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
}
