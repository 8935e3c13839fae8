package io.ovl.mode;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.net.ClusterStoreGuard;
import io.ovl.net.CreatePlacement;
import io.ovl.change.ApplyOptions;
import io.ovl.kvmode.ClusterLayout;
import io.ovl.kvmode.HostPlan;
import io.ovl.change.ChangeReport;
import io.ovl.kvmode.Plan;
import io.ovl.kvmode.Planner;
import io.ovl.kvmode.Preflight;
import io.ovl.change.PreflightReport;
import io.ovl.kvmode.DoctorFirst;
import io.ovl.kvmode.KvSubset;
import io.ovl.kvmode.Provision;
import io.ovl.change.ChangeProgress;
import io.ovl.kvmode.Reset;
import io.ovl.kvmode.ResetPlan;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code mode: kv}: a key-value store that ovl starts (or an external one), dockerd pointed at it
 * with {@code --cluster-store} and restarted, networks created on any overlay host
 * ({@link io.ovl.kvmode}).
 */
final class KvMode implements OverlayMode {
    private final Topology topology;

    KvMode(Topology topology) {
        this.topology = topology;
    }

    @Override
    public void refuseBeforeContact(ChangeOptions options) {
        if (options.force() && options.only().all()) {
            throw new OvlException(ExitCode.USAGE, "--force applies to mode: swarm only; this topology is mode: "
                    + topology.mode().key());
        }
        ClusterLayout.of(topology); // a store layout init cannot set up is refused here, with why
    }

    /** Every host: a store host may run no overlay ({@code overlay: false}) and is still changed. */
    @Override
    public List<Host> hostsToOpen() {
        return topology.hosts();
    }

    @Override
    public Function<Host, HostHandle> preflightHandles(OpenHosts hosts, Function<Host, HostHandle> outside) {
        return host -> hosts.lend(host.name());
    }

    @Override
    public PlannedChange planInit(OpenHosts hosts, PreflightReport checks, ChangeOptions options) {
        Provision provision = new Provision(topology, hosts, new Planner(DoctorFirst.withOwn(checks, Preflight.DEFAULT)));
        return new Init(provision, KvSubset.init(provision.plan(), options.only()), checks,
                ApplyOptions.defaults(options.rolling()));
    }

    @Override
    public PlannedChange planReset(OpenHosts hosts, ChangeOptions options) {
        Reset reset = new Reset(topology, hosts);
        PlannedChange change = new ResetChange(reset, KvSubset.reset(reset.plan(options.purge()), options.only()));
        return Detaching.guard(change, hosts, options.only(), options.force());
    }

    @Override
    public CreatePlacement placement() {
        return new CreatePlacement.Kv();
    }

    @Override
    public void requireReady(OpenHosts overlayHosts, ParallelHosts parallel) {
        ClusterStoreGuard.require(overlayHosts, parallel);
    }

    @Override
    public void requireMigrationTarget(Path file) {
        throw new OvlException(ExitCode.USAGE, file + ": ovl migrate takes the topology to migrate to, with mode:"
                + " swarm; this one is mode: " + topology.mode().key() + ". Copy it, set mode: swarm, drop kv-store"
                + " and give the managers role: manager");
    }

    /** kv init: its plan's blockers already hold doctor's failures ({@link DoctorFirst#withOwn}). */
    private record Init(Provision provision, Plan plan, PreflightReport checks, ApplyOptions options)
            implements PlannedChange {
        @Override
        public List<Finding> blockers() {
            return plan.blockers();
        }

        @Override
        public List<HostPlan> restartsStoppingContainers() {
            return plan.restartsStoppingContainers();
        }

        @Override
        public <R> R describe(PlanView<R> view) {
            return view.kvInit(plan, checks);
        }

        @Override
        public ChangeReport apply(ChangeProgress progress, Interruption interruption) {
            return provision.apply(plan, options, progress, interruption);
        }
    }

    private record ResetChange(Reset reset, ResetPlan plan) implements PlannedChange {
        @Override
        public List<Finding> blockers() {
            return plan.blockers();
        }

        @Override
        public List<HostPlan> restartsStoppingContainers() {
            return plan.restartsStoppingContainers();
        }

        @Override
        public <R> R describe(PlanView<R> view) {
            return view.kvReset(plan);
        }

        @Override
        public ChangeReport apply(ChangeProgress progress, Interruption interruption) {
            return reset.apply(plan, ApplyOptions.defaults(false), progress, interruption);
        }
    }
}
