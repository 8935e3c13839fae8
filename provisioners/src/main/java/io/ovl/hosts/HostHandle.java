package io.ovl.hosts;

import io.ovl.docker.DockerApi;
import io.ovl.docker.SwarmApi;
import io.ovl.kv.StoreProbe;
import io.ovl.ssh.RemoteFiles;
import io.ovl.ssh.RemoteShell;

/**
 * One host during one run: the one connection ovl opened to it, seen through each way a command
 * uses a host. {@link SshHostHandle} is the real one, over an {@link io.ovl.ssh.HostSession}; unit
 * tests of pure orchestration use fakes. A run's handles come from {@link OpenHosts}.
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

    @Override
    void close();
}
