package io.ovl.cli;

import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.mode.OverlayMode;
import io.ovl.net.VisibilityWait;
import io.ovl.change.ChangeProgress;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every {@code ovl net} subcommand that touches hosts shares: the topology (found as -f, else
 * $OVL_TOPOLOGY, else ./topology.yaml) and one handle per host, opened in parallel as init does.
 */
final class NetRun implements AutoCloseable {
    final Path file;
    final Topology topology;
    final ParallelHosts parallel;
    private final CommandSessions sessions;
    private final OpenHosts open;
    /** The overlay hosts, in topology order: a view of {@code open}, which owns (and closes) the handles. */
    final OpenHosts hosts;

    private NetRun(Path file, Topology topology, ParallelHosts parallel, CommandSessions sessions, OpenHosts open) {
        this.file = file;
        this.topology = topology;
        this.parallel = parallel;
        this.sessions = sessions;
        this.open = open;
        this.hosts = open.only(topology.overlayHosts());
    }

    /** Loads the topology (exit 2 when it is missing or invalid) before contacting any host. */
    static Topology load(TopologyOption option) {
        return Runs.load(option.locate());
    }

    /**
     * Sessions from the shell's pool inside {@code ovl shell}, else from a pool of this command's own.
     * Then the mode refuses (exit 3) hosts that cannot carry its overlay yet ({@link OverlayMode#requireReady};
     * kv: a dockerd without a cluster store), so that no net command reaches Docker's misleading answer there.
     */
    static NetRun open(TopologyOption option, Topology topology, int parallelism, CommandSpec spec) {
        Path file = option.locate();
        ParallelHosts parallel = new ParallelHosts(parallelism);
        CommandSessions sessions = CommandSessions.of(spec);
        NetRun run;
        try {
            run = new NetRun(file, topology, parallel, sessions, Runs.open(topology, file, parallelism,
                    sessions.pool()));
        } catch (RuntimeException e) {
            sessions.close();
            throw e;
        }
        try {
            OverlayMode.of(topology).requireReady(run.hosts, parallel);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** The hosts that must list a network (kv: every overlay host; swarm: the managers). */
    static List<String> mustSee(Topology topology) {
        return OverlayMode.of(topology).placement().mustSee(topology);
    }

    /** Waits up to {@code seconds} for every overlay host to list (or drop) a network, asking once a second. */
    VisibilityWait visibility(int seconds, ChangeProgress progress) {
        return new VisibilityWait(hosts, parallel, Duration.ofSeconds(seconds), Duration.ofSeconds(1), progress);
    }

    @Override
    public void close() {
        try {
            open.close();
        } finally {
            sessions.close();
        }
    }
}
