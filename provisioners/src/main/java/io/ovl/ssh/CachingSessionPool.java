package io.ovl.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A {@link SessionPool} that keeps one session per target and reopens it when the connection has
 * died (an sshd restart, a network drop between two shell commands). Safe for the parallel host
 * work of doctor and init: different hosts connect at the same time, one host is connected once.
 */
public final class CachingSessionPool implements SessionPool, AutoCloseable {
    private final Function<SshTarget, HostSession> opener;
    private final Predicate<HostSession> alive;
    private final LongSupplier opened;
    private final AutoCloseable onClose;
    private final Map<SshTarget, Slot> slots = new ConcurrentHashMap<>();

    /** Test seam: how sessions are opened, how liveness is judged, and what counts connections. */
    CachingSessionPool(Function<SshTarget, HostSession> opener, Predicate<HostSession> alive, LongSupplier opened,
            AutoCloseable onClose) {
        this.opener = Objects.requireNonNull(opener);
        this.alive = Objects.requireNonNull(alive);
        this.opened = Objects.requireNonNull(opened);
        this.onClose = Objects.requireNonNull(onClose);
    }

    /** A pool over {@code connector}; closing the pool closes its sessions and the connector. */
    public static CachingSessionPool over(SshConnector connector) {
        return new CachingSessionPool(connector::open, s -> s.sshClient().isConnected()
                && s.sshClient().isAuthenticated(), connector::connectionsOpened, connector::close);
    }

    /** A pool over the real SSH environment ({@link SshConnector#fromSystem()}). */
    public static CachingSessionPool fromSystem() {
        return over(SshConnector.fromSystem());
    }

    /** The target's session, lent: closing it leaves the connection open for the next caller. */
    @Override
    public HostSession session(SshTarget target) {
        return slots.computeIfAbsent(target, t -> new Slot()).get(target);
    }

    @Override
    public long connectionsOpened() {
        return opened.getAsLong();
    }

    /** Hosts with a session in the pool now (open or not), for the shell's status line. */
    public int size() {
        return slots.size();
    }

    @Override
    public void close() {
        List<Slot> all = new ArrayList<>(slots.values());
        slots.clear();
        all.forEach(Slot::close);
        try {
            onClose.close();
        } catch (Exception e) {
            // Closing is best effort: every session is closed already; nothing is left to act on.
        }
    }

    /** One target's session; its lock makes one host connect once while other hosts connect in parallel. */
    private final class Slot {
        private HostSession session;

        synchronized HostSession get(SshTarget target) {
            if (session != null && alive.test(session)) {
                return session.lent();
            }
            if (session != null) {
                session.close();
                session = null;
            }
            session = opener.apply(target); // an OvlException leaves the slot empty: the next call retries
            return session.lent();
        }

        synchronized void close() {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
