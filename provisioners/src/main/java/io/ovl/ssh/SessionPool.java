package io.ovl.ssh;

/**
 * Where a host-touching command gets its SSH sessions. A command run from the shell ({@code ovl
 * shell}) gets the shell's pool, so one connection per host serves every command typed there; a
 * command run on its own gets a pool of its own that lives as long as the command.
 *
 * <p>Sessions belong to the pool: callers use them, and closing one leaves its connection open
 * (it is lent); the pool's owner closes the pool, which closes the connections.
 */
public interface SessionPool {
    /**
     * An open, authenticated session to {@code target}: the pool's existing one when it is still
     * connected, else a new one.
     *
     * @throws io.ovl.core.OvlException naming the host and the step that failed (nothing is kept)
     */
    HostSession session(SshTarget target);

    /** SSH connections this pool has opened so far (jump hosts included), for the scale benchmark. */
    long connectionsOpened();

    /**
     * This pool for one run that keeps a record ({@link RunLog}): its sessions are the same
     * connections, reporting every command and Docker API request to {@code log}.
     */
    default SessionPool recordingTo(RunLog log) {
        if (!log.on()) {
            return this;
        }
        SessionPool pool = this;
        return new SessionPool() {
            @Override
            public HostSession session(SshTarget target) {
                return pool.session(target).recordingTo(log);
            }

            @Override
            public long connectionsOpened() {
                return pool.connectionsOpened();
            }
        };
    }
}
