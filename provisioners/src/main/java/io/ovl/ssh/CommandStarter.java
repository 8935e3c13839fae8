package io.ovl.ssh;

/**
 * The streaming seam next to {@link RemoteShell}: starts a command and hands it back while it
 * runs, so the caller can read its output line by line as it comes and write to its input, for
 * steps whose sides must wait for each other's events (doctor's port probe: a listener says it
 * listens, then the senders send). {@link HostSession} implements it over SSH; unit tests of the
 * orchestration use scripted fakes.
 */
@FunctionalInterface
public interface CommandStarter {
    /**
     * Starts {@code command} on its own channel and returns at once, without waiting for output.
     *
     * @param privileged run it as root: through {@code sudo -n --} when the host is reached with
     *                   {@code become: sudo} (as {@link RemoteShell#run} runs everything), as the
     *                   login user otherwise; false runs it as the login user even with
     *                   {@code become: sudo}, for steps that need no root and must not wait for sudo
     * @throws io.ovl.core.OvlException naming the host and step when the command cannot be started
     */
    StartedCommand start(RemoteCommand command, boolean privileged);
}
