package io.ovl.kvmode;

import io.ovl.change.NetworkStep;
import io.ovl.core.Finding;
import io.ovl.topology.HostSubset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kv init and reset on a few hosts ({@code --hosts}): the plan for every host, cut down so that only
 * those hosts change. Pure.
 */
public final class KvSubset {
    static final String OUTSIDE = "outside --hosts";
    /** How a host outside the subset that init would change is described; it has not joined the store. */
    static final String LEFT_AS_IS = OUTSIDE + ": left as is";

    private KvSubset() {
    }

    /**
     * init on {@code subset}: the other hosts keep what they have (the plan says what they would
     * get); the store is only created or started on a host of the subset, and a store that is not
     * running on a host outside it stops the run, since the subset's dockerd would not join; a
     * missing network is created on the first host of the subset; problems found on other hosts do
     * not stop it unless they are the store's.
     */
    public static Plan init(Plan plan, HostSubset subset) {
        if (subset.all()) {
            return plan;
        }
        List<String> storeHosts = plan.store().stream().map(StoreStep::host).toList();
        List<Finding> blockers = new ArrayList<>(plan.blockers().stream()
                .filter(b -> b.host().equals(Finding.WHOLE_TOPOLOGY) || subset.contains(b.host()) || storeHosts.contains(b.host())).toList());
        for (StoreStep step : plan.store()) {
            if (step.action() != StoreStep.Action.NONE && !subset.contains(step.host())) {
                blockers.add(Finding.onHost(step.host(), "store.outside-hosts", "store container " + step.spec().name()
                        + " is not running here and this host is outside --hosts; add " + step.host()
                        + " to --hosts (or run init on every host) so that the store is up first"));
            }
        }
        List<HostPlan> hosts = plan.hosts().stream().map(h -> subset.contains(h.host()) ? h : kept(h)).toList();
        Optional<String> firstInSubset = plan.hosts().stream().map(HostPlan::host).filter(subset::contains).findFirst();
        List<NetworkStep> networks = plan.networks().stream().map(n -> n.createOn().isEmpty() ? n
                : new NetworkStep(n.spec(), n.presentOn(), firstInSubset)).toList();
        return new Plan(plan.layout(), plan.storeUrl(), plan.store(), hosts, networks, blockers);
    }

    /**
     * reset on {@code subset}: only those hosts lose ovl's configuration; the store stays (the other
     * hosts use it), so a store host among them stops the run.
     */
    public static ResetPlan reset(ResetPlan plan, HostSubset subset) {
        if (subset.all()) {
            return plan;
        }
        List<Finding> blockers = new ArrayList<>(plan.blockers().stream()
                .filter(b -> b.host().equals(Finding.WHOLE_TOPOLOGY) || subset.contains(b.host())).toList());
        for (ResetPlan.StoreRemoval s : plan.store()) {
            if (subset.contains(s.host()) && s.containerExists()) {
                blockers.add(Finding.onHost(s.host(), "store.in-use", "runs store container " + s.container()
                        + ", which the other hosts use; reset every host (without --hosts) to remove the store"));
            }
        }
        List<HostPlan> hosts = plan.hosts().stream().map(h -> subset.contains(h.host()) ? h : kept(h)).toList();
        return new ResetPlan(hosts, List.of(), blockers);
    }

    /** Whether init left {@code host} out (--hosts) although it is not set up: no network reaches it. */
    static boolean leftUnjoined(HostPlan host) {
        return host.why().startsWith(LEFT_AS_IS);
    }

    private static HostPlan kept(HostPlan h) {
        String why = h.changesSomething() ? LEFT_AS_IS + " (would: " + h.why() + ")" : h.why() + " (" + OUTSIDE + ")";
        return new HostPlan(h.host(), List.of(), false, why, h.runningContainers(), h.expectedStore(),
                h.expectedAdvertise(), h.service());
    }
}
