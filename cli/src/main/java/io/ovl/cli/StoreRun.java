package io.ovl.cli;

import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.RunLock;
import io.ovl.store.StoreLayout;
import io.ovl.store.StoreOps;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code ovl store} subcommands share: the topology, one handle per store host (and, for
 * a restore, the host of the run lock), opened in parallel, and the engine over them.
 */
final class StoreRun implements AutoCloseable {
    final Path file;
    final Topology topology;
    final OpenHosts hosts;
    final StoreOps ops;
    private final CommandSessions sessions;

    private StoreRun(Path file, Topology topology, OpenHosts hosts, StoreOps ops, CommandSessions sessions) {
        this.file = file;
        this.topology = topology;
        this.hosts = hosts;
        this.ops = ops;
        this.sessions = sessions;
    }

    /**
     * Loads the topology (exit 2 when invalid, or not a store ovl runs) before contacting any host,
     * then opens the store hosts, plus the lock's host when {@code withLockHost}.
     */
    static StoreRun open(TopologyOption option, int parallel, CommandSpec spec, boolean withLockHost, PrintWriter progressTo) {
        Path file = option.locate();
        Topology topology = Runs.load(file);
        StoreLayout.of(topology, Map.of()); // exit 2 for swarm mode or kv-store.url, before any host is contacted
        List<Host> open = new ArrayList<>();
        for (String name : topology.kvStore().orElseThrow().hosts()) {
            topology.host(name).ifPresent(open::add);
        }
        if (withLockHost) {
            Host lock = RunLock.hostOf(topology);
            if (open.stream().noneMatch(h -> h.name().equals(lock.name()))) {
                open.add(lock);
            }
        }
        CommandSessions sessions = CommandSessions.of(spec);
        OpenHosts hosts = null;
        try {
            hosts = OpenHosts.overSsh(topology, file, open, sessions.pool(), new ParallelHosts(parallel));
            StoreLayout layout = StoreOps.layout(topology, hosts);
            return new StoreRun(file, topology, hosts, new StoreOps(topology, hosts, layout,
                    Runs.lines(progressTo), Clock.systemUTC()), sessions);
        } catch (RuntimeException e) {
            if (hosts != null) {
                hosts.close();
            }
            sessions.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            hosts.close();
        } finally {
            sessions.close();
        }
    }
}
