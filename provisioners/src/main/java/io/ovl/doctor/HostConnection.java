package io.ovl.doctor;

import io.ovl.kv.StoreDialer;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.RemoteShell;
import java.util.Optional;

/** An open connection to one host for the whole doctor run: its shell, closed at the end. */
public interface HostConnection extends RemoteShell, AutoCloseable {
    @Override
    void close();

    /**
     * Streams to a store that start on this host, for asking a TLS store (kv-store.tls) over TLS
     * with the host's client certificate; empty when the connection cannot open one (then
     * kv.healthy does not ask a TLS store from this host, and says so).
     */
    default Optional<StoreDialer> storeDialer() {
        return Optional.empty();
    }

    /**
     * Starts commands that run while ovl talks to them, for the port probe, whose listeners and
     * senders wait for each other's events; empty when the connection cannot (then the probe
     * reports this host's ports as not probed, and says why).
     */
    default Optional<CommandStarter> starter() {
        return Optional.empty();
    }
}
