package io.ovl.mode;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.net.CreatePlacement;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.ChangeReport;
import io.ovl.change.PreflightReport;
import io.ovl.change.ChangeProgress;
import io.ovl.swarm.SwarmInit;
import io.ovl.swarm.SwarmPlan;
import io.ovl.swarm.SwarmReset;
import io.ovl.swarm.SwarmResetPlan;
import io.ovl.swarm.SwarmSubset;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code mode: swarm}: swarm init on the first manager, the others joined, networks created
 * (attachable) on a manager ({@link io.ovl.swarm}). dockerd is not restarted.
 */
final class SwarmMode implements OverlayMode {
    private final Topology topology;

    SwarmMode(Topology topology) {
        this.topology = topology;
    }

    @Override
    public void refuseBeforeContact(ChangeOptions options) {
        if (options.purge()) {
            throw new OvlException(ExitCode.USAGE, "--purge applies to mode: kv only (it removes the store's data"
                    + " volumes); this topology is mode: " + topology.mode().key() + ", which has no store");
        }
    }

    /** The overlay hosts only: a host with {@code overlay: false} joins no swarm. */
    @Override
    public List<Host> hostsToOpen() {
        return topology.overlayHosts();
    }

    @Override
    public Function<Host, HostHandle> preflightHandles(OpenHosts hosts, Function<Host, HostHandle> outside) {
        return host -> host.overlay() ? hosts.lend(host.name()) : outside.apply(host);
    }

    @Override
    public PlannedChange planInit(OpenHosts hosts, PreflightReport checks, ChangeOptions options) {
        SwarmInit init = new SwarmInit(topology, hosts);
        SwarmPlan plan = SwarmSubset.init(init.plan(options.force()), options.only());
        // doctor's failures first: they carry the fix, and swarm's own blockers often follow from them
        List<Finding> blockers = new ArrayList<>(checks.blockers());
        blockers.addAll(plan.blockers());
        return new Init(init, plan, checks, List.copyOf(blockers));
    }

    @Override
    public PlannedChange planReset(OpenHosts hosts, ChangeOptions options) {
        SwarmReset reset = new SwarmReset(topology, hosts);
        PlannedChange change = new ResetChange(reset, reset.plan(options.force(), options.only()));
        return Detaching.guard(change, hosts, options.only(), options.force());
    }

    @Override
    public CreatePlacement placement() {
        return new CreatePlacement.Swarm();
    }

    /** A swarm host that is not in the swarm says so itself when asked for a network. */
    @Override
    public void requireReady(OpenHosts overlayHosts, ParallelHosts parallel) {
    }

    @Override
    public void requireMigrationTarget(Path file) {
    }

    private record Init(SwarmInit init, SwarmPlan plan, PreflightReport checks, List<Finding> blockers)
            implements PlannedChange {
        /** swarm init restarts no dockerd. */
        @Override
        public List<HostPlan> restartsStoppingContainers() {
            return List.of();
        }

        @Override
        public <R> R describe(PlanView<R> view) {
            return view.swarmInit(plan, checks, blockers);
        }

        @Override
        public ChangeReport apply(ChangeProgress progress, Interruption interruption) {
            return init.apply(plan, progress, interruption);
        }
    }

    private record ResetChange(SwarmReset reset, SwarmResetPlan plan) implements PlannedChange {
        @Override
        public List<Finding> blockers() {
            return plan.blockers();
        }

        @Override
        public List<HostPlan> restartsStoppingContainers() {
            return List.of();
        }

        @Override
        public <R> R describe(PlanView<R> view) {
            return view.swarmReset(plan);
        }

        @Override
        public ChangeReport apply(ChangeProgress progress, Interruption interruption) {
            return reset.apply(plan, progress, interruption);
        }
    }
}
