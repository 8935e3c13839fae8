package io.ovl.provision;

import io.ovl.access.HostAccess;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.SessionPool;
import io.ovl.ssh.SshConnector;
import io.ovl.ssh.SshTarget;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.function.Function;

/** Opens the real sessions of a run: one SSH connection per host, mapped from the topology by {@link HostAccess}. */
public final class SshHosts {
    private SshHosts() {
    }

    /** A new connection per host from {@code connector}, closed with the returned hosts. */
    public static OpenHosts open(Topology topology, Path topologyFile, SshConnector connector, ParallelHosts parallel) {
        return open(topology, topologyFile, connector::open, parallel);
    }

    /**
     * Each host's session from {@code pool} (in {@code ovl shell}, the connection an earlier command
     * opened); closing the returned hosts leaves the pool's connections open.
     */
    public static OpenHosts open(Topology topology, Path topologyFile, SessionPool pool, ParallelHosts parallel) {
        return open(topology, topologyFile, pool::session, parallel);
    }

    private static OpenHosts open(Topology topology, Path topologyFile, Function<SshTarget, HostSession> sessions,
                                  ParallelHosts parallel) {
        HostAccess access = HostAccess.forTopologyFile(topologyFile);
        var backend = topology.kvStore().map(k -> k.backend()).orElse(io.ovl.topology.KvBackend.ETCD);
        var tls = topology.kvStore().flatMap(k -> k.tls());
        return OpenHosts.open(topology.hosts(), h -> new SshProvisionHost(sessions.apply(access.target(h)), backend, tls),
                parallel);
    }
}
