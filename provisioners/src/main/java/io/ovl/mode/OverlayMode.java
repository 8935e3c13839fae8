package io.ovl.mode;

import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.net.CreatePlacement;
import io.ovl.change.PreflightReport;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What differs between {@code mode: kv} (dockerd's {@code --cluster-store}, Engine below 23) and
 * {@code mode: swarm}: which hosts a run opens, how init and reset plan and apply, where networks
 * are created and what a net command needs from the hosts first. The commands ask this interface
 * and never which mode they are in; {@link #of} is where the mode is chosen.
 *
 * <p>Doctor's checks that concern one mode say so themselves (they skip with the reason in the
 * other mode), so that {@code ovl doctor} lists every check in both.
 */
public interface OverlayMode {

    /** The mode {@code topology} declares. */
    static OverlayMode of(Topology topology) {
        return switch (topology.mode()) {
            case KV -> new KvMode(topology);
            case SWARM -> new SwarmMode(topology);
        };
    }

    /**
     * Refuses (exit 2), before any host is contacted, options this mode has no use for and a
     * topology it cannot set up.
     */
    void refuseBeforeContact(ChangeOptions options);

    /** The hosts init and reset open, in topology order. */
    List<Host> hostsToOpen();

    /**
     * The handle doctor's preflight uses for a host: the run's own, or for a host the run did not
     * open (doctor checks every host of the topology), one from {@code outside}.
     */
    Function<Host, HostHandle> preflightHandles(OpenHosts hosts, Function<Host, HostHandle> outside);

    /** Reads the hosts and plans init; nothing is changed until {@link PlannedChange#apply}. */
    PlannedChange planInit(OpenHosts hosts, PreflightReport checks, ChangeOptions options);

    /** Reads the hosts and plans reset; nothing is changed until {@link PlannedChange#apply}. */
    PlannedChange planReset(OpenHosts hosts, ChangeOptions options);

    /** Where this mode creates a network and which hosts must list it. */
    CreatePlacement placement();

    /**
     * Before a net command asks Docker about overlay networks: throws (exit 3) when a reached
     * overlay host cannot carry this mode's overlay yet, with the real next step.
     */
    void requireReady(OpenHosts overlayHosts, ParallelHosts parallel);

    /**
     * {@code ovl migrate} takes the topology to migrate to: throws (exit 2) unless it is one this
     * mode is the target of (only swarm is).
     */
    void requireMigrationTarget(Path file);
}
