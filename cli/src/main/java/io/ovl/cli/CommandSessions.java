package io.ovl.cli;

import io.ovl.ssh.CachingSessionPool;
import io.ovl.ssh.RunLog;
import io.ovl.ssh.SessionPool;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a host-touching command (doctor, init, reset, net) gets its SSH sessions: inside
 * {@code ovl shell} the shell's pool, so a host connected by one command is reused by the next;
 * run alone, a pool of its own that is closed, with its connections, when the command ends.
 */
final class CommandSessions implements AutoCloseable {
    private final SessionPool pool;
    private final Optional<CachingSessionPool> own;

    private CommandSessions(SessionPool pool, Optional<CachingSessionPool> own) {
        this.pool = pool;
        this.own = own;
    }

    /** The run's sessions, reporting to the run's log when it has one ({@link RunLogging}). */
    static CommandSessions of(CommandSpec spec) {
        RunLog log = OvlCommand.runLogOf(spec);
        Optional<SessionPool> shell = OvlCommand.environmentOf(spec).sessions();
        if (shell.isPresent()) {
            return new CommandSessions(shell.get().recordingTo(log), Optional.empty());
        }
        CachingSessionPool own = CachingSessionPool.fromSystem();
        return new CommandSessions(own.recordingTo(log), Optional.of(own));
    }

    SessionPool pool() {
        return pool;
    }

    /** Closes the command's own pool; the shell's stays open for the next command. */
    @Override
    public void close() {
        own.ifPresent(CachingSessionPool::close);
    }
}
