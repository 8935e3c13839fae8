package io.ovl.ssh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@link PersistentShell}s of one host's connection: a command takes an idle shell, or opens
 * one when all are busy (a listener and a sender of one host, parallel steps), and gives it back.
 * Most runs use one shell per host, so privilege escalation is paid once per host per run. A
 * shell that broke (timed out, ended) is dropped, never reused.
 */
final class ShellPool implements AutoCloseable {
    private final Supplier<PersistentShell> opener;
    private final Deque<PersistentShell> idle = new ArrayDeque<>();
    private final List<PersistentShell> all = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private boolean closed;
    private final Object relayLock = new Object();
    /** The shell that started the Docker relay: the relay lives as long as it. */
    private PersistentShell relayShell;
    private String relayPath;
    /** Set once sudo refused this host's password: no shell of this connection asks again. */
    private volatile Escalation.Refused refused;

    ShellPool(Supplier<PersistentShell> opener) {
        this.opener = opener;
    }

    /** Runs {@code command} on an idle shell (opened if none is idle). */
    CommandResult run(RemoteCommand command) {
        PersistentShell shell = take();
        try {
            return shell.run(command);
        } finally {
            give(shell);
        }
    }

    /**
     * The socket of this connection's {@link DockerRelay}, started on first use and again when the
     * shell it lives with broke (the relay ended with it). Its start goes through {@code recorded}
     * (the run log of the session that asked).
     */
    String relaySocket(String host, String loginUser, java.util.function.UnaryOperator<RemoteShell> recorded) {
        synchronized (relayLock) {
            if (relayShell != null && !relayShell.broken()) {
                return relayPath;
            }
            PersistentShell s = take();
            try {
                relayPath = DockerRelay.start(recorded.apply(s::run), host, loginUser);
                relayShell = s;
            } finally {
                give(s);
            }
            return relayPath;
        }
    }

    /** Throws sudo's refusal again when it refused this host's password before (see {@link #take()}). */
    void requireNotRefused() {
        Escalation.Refused no = refused;
        if (no != null) {
            throw new io.ovl.core.OvlException(no.exitCode(), no.getMessage());
        }
    }

    /** Opens a shell now if none is idle, and keeps it idle for the next command. */
    void ready() {
        give(take());
    }

    /** Shells opened so far: privilege escalations paid on this connection. */
    int opened() {
        return opened.get();
    }

    PersistentShell take() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the host's session is closed");
            }
            while (!idle.isEmpty()) {
                PersistentShell s = idle.pop();
                if (!s.broken()) {
                    return s;
                }
                all.remove(s);
            }
        }
        requireNotRefused();
        PersistentShell s;
        try {
            s = opener.get(); // outside the lock: another host step may open its own meanwhile
        } catch (Escalation.Refused e) {
            refused = e;
            throw e;
        }
        opened.incrementAndGet();
        synchronized (this) {
            if (closed) {
                s.close();
                throw new IllegalStateException("the host's session is closed");
            }
            all.add(s);
        }
        return s;
    }

    synchronized void give(PersistentShell shell) {
        if (shell.broken() || closed) {
            all.remove(shell);
            shell.close();
        } else {
            idle.push(shell);
        }
    }

    @Override
    public void close() {
        List<PersistentShell> shells;
        synchronized (this) {
            closed = true;
            shells = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        shells.forEach(PersistentShell::close);
    }
}
