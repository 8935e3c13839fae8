package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.OverlayPorts;
import io.ovl.doctor.PortNeed;
import io.ovl.doctor.ProbeOutcome;
import io.ovl.facts.Protocol;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every port a host needs is reachable from every host that must reach it, proven by traffic
 * (see {@link io.ovl.doctor.PortProber}). Reported on the TARGET host, naming each failing
 * direction, because a firewall on the target is the usual cause.
 */
public final class PortsReachable extends HostLocalCheck {
    @Override
    public String name() {
        return "ports.reachable";
    }

    @Override
    public String description() {
        return "7946 tcp+udp, the VXLAN port, 2377 and the KV port reach this host from its peers (probed with traffic)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        List<PortNeed> needs = OverlayPorts.needs(context.topology(), host.host());
        if (needs.isEmpty() || needs.stream().allMatch(n -> n.sources().isEmpty())) {
            return Finding.skip("no other host needs to reach this one");
        }
        if (context.probes().isEmpty()) {
            return Finding.skip("port probe not run (--no-probe)");
        }
        // IP protocol 50 has its own check (esp.reachable), so it can be named and ignored on its own.
        List<ProbeOutcome> outcomes = context.probes().get().toTarget(host.name()).stream()
                .filter(o -> o.need().protocol() != Protocol.ESP).toList();
        List<ProbeOutcome> failing = outcomes.stream().filter(o -> o.result() == ProbeOutcome.Result.NOT_RECEIVED).toList();
        List<ProbeOutcome> unprobed = outcomes.stream().filter(o -> o.result() == ProbeOutcome.Result.NOT_PROBED).toList();
        Set<String> sources = new LinkedHashSet<>();
        Set<String> ports = new LinkedHashSet<>();
        outcomes.stream().filter(ProbeOutcome::reached).forEach(o -> {
            sources.add(o.source());
            ports.add(o.need().label());
        });
        if (!failing.isEmpty()) {
            Set<String> failingPorts = new LinkedHashSet<>();
            failing.forEach(o -> failingPorts.add(o.need().label()));
            return Finding.fail(failing.size() + " of " + outcomes.size() + " directions fail: "
                            + String.join("; ", failing.stream().map(o -> o.describe() + ": " + o.detail()).toList()),
                    "allow " + String.join(", ", failingPorts) + " in from the overlay hosts on " + host.name()
                            + " (iptables/nftables, cloud security groups), and out on the sources");
        }
        // A UDP port held by the overlay itself after setup cannot be listened on: expected, not a problem.
        List<ProbeOutcome> worrying = unprobed.stream().filter(o -> !o.detail().contains("UDP cannot be probed")).toList();
        String reached = sources.isEmpty() ? "" : "reachable from " + String.join(", ", sources) + " on " + String.join(", ", ports);
        String notProbed = unprobed.isEmpty() ? "" : (reached.isEmpty() ? "" : "; ") + unprobed.size() + " not probed ("
                + unprobed.get(0).describe() + ": " + unprobed.get(0).detail() + ")";
        if (!worrying.isEmpty()) {
            return Finding.warn(reached + notProbed, "make the probe possible (perl on the hosts) or check those ports by hand");
        }
        return Finding.pass(reached + notProbed);
    }
}
