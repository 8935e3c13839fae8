package io.ovl.mode;

import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.core.Finding;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.kvmode.HostPlan;
import io.ovl.net.OverlayAttachment;
import io.ovl.net.OverlayAttachments;
import io.ovl.topology.HostSubset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * reset on a few hosts ({@code --hosts}), in either mode: a host that leaves the overlay cuts off
 * its containers attached to overlay networks. Refused while there are any, naming them; with
 * {@code --force} they are disconnected first, and the plan says which.
 */
final class Detaching implements PlannedChange {
    private final PlannedChange reset;
    private final OpenHosts hosts;
    private final List<OverlayAttachment> attached;
    private final boolean force;
    private final List<Finding> blockers;

    private Detaching(PlannedChange reset, OpenHosts hosts, List<OverlayAttachment> attached, List<Finding> unread,
                      boolean force) {
        this.reset = reset;
        this.hosts = hosts;
        this.attached = List.copyOf(attached);
        this.force = force;
        List<Finding> all = new ArrayList<>(reset.blockers());
        all.addAll(unread);
        if (!force) {
            Map<String, List<OverlayAttachment>> byHost = new LinkedHashMap<>();
            attached.forEach(a -> byHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(a));
            byHost.forEach((host, list) -> all.add(Finding.onHost(host, "overlay.attached", "containers attached to"
                    + " overlay networks would be cut off: " + String.join(", ", list.stream().map(Object::toString).toList())
                    + "; stop or disconnect them, or pass --force to disconnect them")));
        }
        this.blockers = List.copyOf(all);
    }

    /** {@code reset} guarded on the reached hosts of {@code subset}; every host: {@code reset} as it is. */
    static PlannedChange guard(PlannedChange reset, OpenHosts hosts, HostSubset subset, boolean force) {
        if (subset.all()) {
            return reset;
        }
        List<String> names = hosts.reached().stream().filter(subset::contains).toList();
        List<OverlayAttachment> attached = new ArrayList<>();
        List<Finding> unread = new ArrayList<>();
        for (HostResult<List<OverlayAttachment>> r : hosts.parallel().forEach(names, Function.identity(),
                h -> OverlayAttachments.read(hosts.require(h)))) {
            r.value().ifPresent(attached::addAll);
            r.error().ifPresent(e -> unread.add(Finding.onHost(r.host(), "overlay.attached", e.getMessage())));
        }
        return new Detaching(reset, hosts, attached, unread, force);
    }

    @Override
    public List<Finding> blockers() {
        return blockers;
    }

    @Override
    public List<HostPlan> restartsStoppingContainers() {
        return reset.restartsStoppingContainers();
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(reset.notes());
        if (force) {
            attached.forEach(a -> notes.add(a.host() + ": --force: disconnects " + a.container() + " from " + a.network()));
        }
        return notes;
    }

    @Override
    public <R> R describe(PlanView<R> view) {
        return reset.describe(view);
    }

    @Override
    public ChangeReport apply(ChangeProgress progress, Interruption interruption) {
        for (OverlayAttachment a : attached) {
            progress.step(a.host(), "disconnecting " + a.container() + " from " + a.network() + " (--force)");
            OverlayAttachments.disconnect(hosts.require(a.host()), a);
        }
        return reset.apply(progress, interruption);
    }
}
