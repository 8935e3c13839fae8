package io.ovl.hosts;

import io.ovl.docker.DockerApi;
import io.ovl.docker.SwarmApi;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.StoreProbe;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.RemoteFiles;
import io.ovl.ssh.RemoteShell;
import java.util.Optional;

/**
 * One host during one run: the one connection ovl opened to it, seen through each way a command
 * uses a host: its shell and files, the Engine API of kv mode and of swarm mode, a KV store probe,
 * and what doctor needs besides (a store dialer and streaming exec). {@link SshHostHandle} is the
 * real one, over an {@link io.ovl.ssh.HostSession}; unit tests of pure orchestration use fakes. A
 * run's handles come from {@link OpenHosts}; every command takes its hosts as handles (doctor, init
 * and its preflight, reset, migrate, net, and the same commands typed in {@code ovl shell}).
 *
 * <p>Whoever opened a handle closes it: code that is lent one (doctor in init's preflight, net
 * commands over a run's hosts) uses it and leaves it open.
 */
public interface HostHandle extends AutoCloseable {
    /** The topology name. */
    String name();

    /** Commands on the host (privileged when the topology says {@code become: sudo}). */
    RemoteShell shell();

    /** Files on the host, read and written through {@link #shell()}. */
    default RemoteFiles files() {
        return new RemoteFiles(shell(), name());
    }

    /** The Docker Engine API calls kv mode makes (init, reset, migrate's reset step). */
    DockerApi docker();

    /** The Docker Engine API calls swarm mode makes. */
    SwarmApi swarm();

    /** A KV store's health as this host sees it (the TCP connection starts on the host). */
    StoreProbe storeProbe();

    /**
     * Streams to a store that start on this host, for doctor's kv.healthy to ask a TLS store
     * (kv-store.tls) over TLS with the host's client certificate; empty when the handle cannot open
     * one (then kv.healthy does not ask a TLS store from this host, and says so).
     */
    Optional<StoreDialer> storeDialer();

    /**
     * Starts commands that run while ovl talks to them, for doctor's port probe, whose listeners
     * and senders wait for each other's events.
     */
    CommandStarter starter();

    @Override
    void close();
}
