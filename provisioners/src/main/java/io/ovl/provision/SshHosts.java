package io.ovl.provision;

import io.ovl.access.HostAccess;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import java.nio.file.Path;

/** Opens the real sessions of a run: one SSH connection per host, mapped from the topology by {@link HostAccess}. */
public final class SshHosts {
    private SshHosts() {
    }

    public static OpenHosts open(Topology topology, Path topologyFile, SshConnector connector, ParallelHosts parallel) {
        HostAccess access = HostAccess.forTopologyFile(topologyFile);
        var backend = topology.kvStore().map(k -> k.backend()).orElse(io.ovl.topology.KvBackend.ETCD);
        var tls = topology.kvStore().flatMap(k -> k.tls());
        return OpenHosts.open(topology.hosts(), h -> new SshProvisionHost(connector.open(access.target(h)), backend, tls),
                parallel);
    }
}
