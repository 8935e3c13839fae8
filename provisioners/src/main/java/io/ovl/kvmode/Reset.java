package io.ovl.kvmode;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.render.KvStoreSpecs;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteFiles;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ovl reset}: undoes init.
 * <ol>
 *   <li>read every host; refuse when a needed fact is unknown;</li>
 *   <li>on each host with ovl's drop-in: remove it (and its backup), restart dockerd, wait for its
 *       API; if dockerd does not come back, put the drop-in back and restart (as init rolls back);
 *       on a host without systemd the same with ovl's keys in daemon.json ({@link DaemonJsonPlanner#reset});</li>
 *   <li>remove the store containers; with --purge also their data volumes.</li>
 * </ol>
 * Idempotent: a host without the drop-in is not restarted, a missing container is not an error.
 * Interrupted ({@link Interruption}): no host step starts after the request, those in flight run to
 * their end (reset, or put back as they were); the hosts not started are marked so.
 */
public final class Reset {
    private final Topology topology;
    private final OpenHosts hosts;

    public Reset(Topology topology, OpenHosts hosts) {
        this.topology = topology;
        this.hosts = hosts;
    }

    public ResetPlan plan(boolean purge) {
        ClusterLayout layout = ClusterLayout.of(topology);
        Optional<String> storeName = layout.cluster().map(c -> KvStoreSpecs.render(c, c.nodes().get(0).name()).name());
        List<String> storeHosts = layout.cluster().map(c -> c.nodes().stream().map(n -> n.name()).toList())
                .orElse(List.of());
        List<HostState> states = hosts.readAll(topology.hosts(), h -> StateReader.read(h,
                storeHosts.contains(h.name()) ? storeName : Optional.empty(), List.of()), HostState::unreachable);
        return ResetPlanner.plan(topology, states, purge);
    }

    public ChangeReport apply(ResetPlan plan, ApplyOptions options, ChangeProgress progress) {
        return apply(plan, options, progress, Interruption.none());
    }

    public ChangeReport apply(ResetPlan plan, ApplyOptions options, ChangeProgress progress, Interruption interruption) {
        if (!plan.blockers().isEmpty()) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "preflight: nothing was changed; first problem: "
                    + plan.blockers().get(0).format());
        }
        HostReconfigure step = new HostReconfigure(options, progress, List.of(), interruption, "reset");
        List<HostOutcome> outcomes = hosts.parallel().forEach(plan.hosts(), HostPlan::host, p -> {
            HostHandle host = hosts.require(p.host());
            HostOutcome o = step.apply(host, p);
            if (o.status() == HostOutcome.Status.CHANGED) {
                // The backup is now an ovl version (an older drop-in, daemon.json with ovl's keys):
                // nothing of the host's own to restore from it.
                for (FileChange f : p.files()) {
                    host.shell().run(RemoteCommand.of("rm", "-f", "--", f.path() + RemoteFiles.BACKUP_SUFFIX));
                }
            }
            return o;
        }).stream().map(r -> r.value().orElseGet(() -> new HostOutcome(r.host(), HostOutcome.Status.FAILED,
                r.error().map(Throwable::getMessage).orElse("failed")))).toList();
        List<HostOutcome> store = new ArrayList<>();
        for (ResetPlan.StoreRemoval s : plan.store()) {
            HostHandle host = hosts.require(s.host());
            if (!interruption.begin(host.name(), "store container " + s.container() + " being removed")) {
                store.add(HostOutcome.notStarted(host.name(), "reset"));
                continue;
            }
            try {
                if (s.containerExists()) {
                    progress.step(host.name(), "removing store container " + s.container());
                    host.docker().removeContainer(s.container());
                }
                List<String> removed = new ArrayList<>();
                for (String v : s.volumes()) {
                    if (host.docker().removeVolume(v)) {
                        progress.step(host.name(), "removed volume " + v);
                        removed.add(v);
                    }
                }
                List<String> done = new ArrayList<>();
                if (s.containerExists()) {
                    done.add("removed " + s.container() + (s.volumes().isEmpty() ? " (data volume kept)" : ""));
                }
                if (!removed.isEmpty()) {
                    done.add("removed volumes " + removed);
                }
                store.add(new HostOutcome(host.name(), done.isEmpty() ? HostOutcome.Status.UNCHANGED
                        : HostOutcome.Status.CHANGED, done.isEmpty() ? "no store container" + (s.volumes().isEmpty()
                        ? "" : " and no volume " + s.volumes()) : String.join("; ", done)));
            } catch (OvlException e) {
                store.add(new HostOutcome(host.name(), HostOutcome.Status.FAILED, e.getMessage()));
            } finally {
                interruption.end(host.name());
            }
        }
        return new ChangeReport(store, outcomes, List.of(), interruption.requested());
    }
}
