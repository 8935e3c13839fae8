package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.ProbeOutcome;
import io.ovl.topology.KvStore;
import java.util.List;
import java.util.Optional;

/**
 * kv mode: every overlay host reaches the KV store's port. Before setup ovl's own probe listener
 * stands in for the store; once dockerd on this host is configured with a cluster store, the
 * store itself must answer, and a store that is down is a failure (dockerd 20.10 started while
 * its store was unreachable never joins, even after the store comes back).
 */
public final class KvReachable extends HostLocalCheck {
    @Override
    public String name() {
        return "kv.reachable";
    }

    @Override
    public String description() {
        return "kv mode: the KV store's port answers from every overlay host (the store itself once set up)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        Optional<Finding> notHere = KvOverlayHost.skipUnlessOne(context, host);
        if (notHere.isPresent()) {
            return notHere.get();
        }
        KvStore kv = context.topology().kvStore().get();
        if (context.probes().isEmpty()) {
            return Finding.skip("port probe not run (--no-probe)");
        }
        if (kv.isExternal()) {
            return external(context, host, kv);
        }
        List<ProbeOutcome> toStore = context.probes().get().outcomes().stream()
                .filter(o -> o.source().equals(host.name()) && kv.hosts().contains(o.target())
                        && o.need().port() == kv.port())
                .toList();
        if (toStore.isEmpty()) {
            return Finding.skip("no store host to probe");
        }
        Optional<String> configured = host.facts().dockerInfo().value().flatMap(i -> i.clusterStore());
        for (ProbeOutcome o : toStore) {
            if (o.result() == ProbeOutcome.Result.NOT_RECEIVED) {
                return Finding.fail("cannot reach the store port: " + o.describe() + ": " + o.detail(),
                        "allow tcp/" + kv.port() + " from the overlay hosts to " + o.target());
            }
            if (o.result() == ProbeOutcome.Result.NOT_PROBED) {
                return Finding.warn("store port not probed: " + o.describe() + ": " + o.detail(),
                        "check that tcp/" + kv.port() + " on " + o.target() + " answers from " + host.name());
            }
        }
        List<String> free = toStore.stream().filter(o -> o.result() == ProbeOutcome.Result.RECEIVED)
                .map(ProbeOutcome::target).toList();
        List<String> answering = toStore.stream().filter(o -> o.result() == ProbeOutcome.Result.CONNECTED)
                .map(ProbeOutcome::target).toList();
        if (configured.isPresent() && !free.isEmpty()) {
            // Our listener could bind the port: nothing serves the store there.
            String message = "dockerd uses cluster store " + configured.get() + " but no store runs on "
                    + String.join(", ", free) + " (tcp/" + kv.port() + " is free)";
            if (!answering.isEmpty()) {
                // The other members still serve it (kv.healthy says whether they keep a quorum).
                return Finding.warn(message + "; it answers on " + String.join(", ", answering),
                        "start the store member on " + String.join(", ", free) + " (ovl init starts it; `docker start`"
                                + " its container there) before another one stops");
            }
            return Finding.fail(message, "start the store on " + String.join(", ", free) + " (ovl init), then restart"
                    + " docker on " + host.name());
        }
        boolean running = toStore.stream().anyMatch(o -> o.result() == ProbeOutcome.Result.CONNECTED);
        String where = String.join(", ", toStore.stream().map(o -> o.target() + " tcp/" + kv.port()).toList());
        return Finding.pass(running ? "the store answers at " + where
                : "store port reachable at " + where + " (no store runs yet; ovl init starts it)");
    }

    /** An external store must answer: there is nothing ovl could start there. */
    private static Finding external(DoctorContext context, GatheredHost host, KvStore kv) {
        List<ProbeOutcome> toStore = context.probes().get().outcomes().stream()
                .filter(o -> o.source().equals(host.name()) && o.target().startsWith("store ")).toList();
        if (toStore.isEmpty()) {
            return Finding.skip("no endpoint in " + kv.url().get() + " to probe");
        }
        List<ProbeOutcome> failing = toStore.stream().filter(o -> !o.reached()).toList();
        if (failing.size() == toStore.size()) {
            return Finding.fail("the external store answers on none of its endpoints: " + String.join("; ",
                            failing.stream().map(o -> o.target() + ": " + o.detail()).toList()),
                    "make " + kv.url().get() + " reachable from " + host.name() + " (store running, firewall open)");
        }
        if (!failing.isEmpty()) {
            return Finding.warn("some store endpoints do not answer: " + String.join("; ",
                            failing.stream().map(o -> o.target() + ": " + o.detail()).toList()),
                    "check those store members");
        }
        return Finding.pass("the external store answers at " + String.join(", ",
                toStore.stream().map(o -> o.target().substring("store ".length())).toList()));
    }
}
