package io.ovl.hosts;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;

/**
 * Keeps two ovl runs from changing one cluster at once: a directory made with {@code mkdir} (atomic)
 * on the topology's first host, with a file naming its owner. It lives under /run, so a host reboot
 * clears a lock left by a run that died; otherwise {@code ovl} names the owner and how to remove it.
 */
public final class RunLock implements AutoCloseable {
    public static final String PATH = "/run/ovl.lock";
    /** The script's own status for "someone else holds it". */
    private static final int HELD = 75;
    private static final RemoteCommand RELEASE = RemoteCommand.of("rm", "-rf", "--", PATH);

    private final RemoteShell shell;

    private RunLock(RemoteShell shell) {
        this.shell = shell;
    }

    /**
     * @param owner who is running, e.g. "ovl init by alice@laptop pid 4242 at 2026-11-22T23:40Z"
     * @throws OvlException (CHECKS_FAILED: refused, nothing changed) naming the holder when another run holds the lock
     */
    public static RunLock acquire(RemoteShell shell, String host, String owner) {
        CommandResult r = shell.run(RemoteCommand.script(
                "if mkdir -m 0700 -- \"$1\" 2>/dev/null; then printf '%s\\n' \"$2\" > \"$1/owner\"; exit 0; fi;"
                        + " if [ -d \"$1\" ]; then cat -- \"$1/owner\" 2>/dev/null; exit " + HELD + "; fi;"
                        + " echo \"cannot create $1\" >&2; exit 1",
                PATH, owner));
        if (r.exitCode() == HELD) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + host + ": lock: another ovl run holds " + PATH + " ("
                    + r.stdoutText().strip() + "); wait for it to finish, or if it died, remove the lock with `rm -r "
                    + PATH + "` on " + host);
        }
        r.requireSuccess("take the lock " + PATH);
        return new RunLock(shell);
    }

    @Override
    public void close() {
        try {
            shell.run(RELEASE);
        } catch (OvlException ignored) {
            // A lock we cannot remove (connection gone) is named by the next run, with how to remove it.
        }
    }
}
