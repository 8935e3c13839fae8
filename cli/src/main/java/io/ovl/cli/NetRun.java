package io.ovl.cli;

import io.ovl.hosts.ParallelHosts;
import io.ovl.net.CreatePlacement;
import io.ovl.net.NetHosts;
import io.ovl.net.VisibilityWait;
import io.ovl.provision.ProvisionProgress;
import java.time.Duration;
import io.ovl.provision.OpenHosts;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.List;

/**
 * What every {@code ovl net} subcommand that touches hosts shares: the topology (found as -f, else
 * $OVL_TOPOLOGY, else ./topology.yaml) and one SSH session per host, opened in parallel as init does.
 */
final class NetRun implements AutoCloseable {
    final Path file;
    final Topology topology;
    final ParallelHosts parallel;
    private final OpenHosts open;
    final NetHosts hosts;

    private NetRun(Path file, Topology topology, ParallelHosts parallel, OpenHosts open) {
        this.file = file;
        this.topology = topology;
        this.parallel = parallel;
        this.open = open;
        this.hosts = NetHosts.of(topology, open);
    }

    /** Loads the topology (exit 2 when it is missing or invalid) before contacting any host. */
    static Topology load(TopologyOption option) {
        return ProvisionRun.load(option.locate());
    }

    static NetRun open(TopologyOption option, Topology topology, int parallelism) {
        Path file = option.locate();
        ParallelHosts parallel = new ParallelHosts(parallelism);
        OpenHosts open = ProvisionRun.open(topology, file, parallelism);
        return new NetRun(file, topology, parallel, open);
    }

    /** The hosts that must list a network (kv: every overlay host; swarm: the managers). */
    static List<String> mustSee(Topology topology) {
        return CreatePlacement.forMode(topology.mode()).mustSee(topology);
    }

    /** Waits up to {@code seconds} for every overlay host to list (or drop) a network, asking once a second. */
    VisibilityWait visibility(int seconds, ProvisionProgress progress) {
        return new VisibilityWait(hosts, parallel, Duration.ofSeconds(seconds), Duration.ofSeconds(1), progress);
    }

    @Override
    public void close() {
        open.close();
    }
}
