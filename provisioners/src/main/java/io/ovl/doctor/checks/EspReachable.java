package io.ovl.doctor.checks;

import io.ovl.core.Finding;
import io.ovl.doctor.AdvertiseAddress;
import io.ovl.doctor.CheckSeverity;
import io.ovl.doctor.DoctorContext;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostLocalCheck;
import io.ovl.doctor.OverlayPorts;
import io.ovl.doctor.ProbeOutcome;
import io.ovl.facts.Protocol;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * With an encrypted network in the topology, IP protocol 50 (ESP) arrives at every overlay host
 * from every other one, proven by the probe's raw ESP packets (see {@link io.ovl.doctor.PortProber}).
 * Docker puts an encrypted network's VXLAN traffic inside ESP, and firewalls or cloud security
 * groups that allow TCP and UDP only drop it: the network is created and containers join it, but
 * nothing they send arrives. Reported on the TARGET host, naming each failing direction, as
 * ports.reachable does.
 */
public final class EspReachable extends HostLocalCheck {
    @Override
    public String name() {
        return "esp.reachable";
    }

    @Override
    public String description() {
        return "encrypted networks: IP protocol 50 (ESP) reaches this host from its peers (probed with traffic)";
    }

    @Override
    public CheckSeverity severity() {
        return CheckSeverity.ERROR;
    }

    @Override
    protected Finding evaluate(DoctorContext context, GatheredHost host) {
        List<String> encrypted = OverlayPorts.encryptedNetworks(context.topology());
        if (encrypted.isEmpty()) {
            return Finding.skip("no encrypted network declared");
        }
        if (OverlayPorts.esp(context.topology(), host.host()).map(n -> n.sources().isEmpty()).orElse(true)) {
            return Finding.skip(host.host().overlay() ? "no other overlay host sends to this one" : "not an overlay host");
        }
        if (context.probes().isEmpty()) {
            return Finding.skip("probe not run (--no-probe)");
        }
        List<ProbeOutcome> outcomes = context.probes().get().toTarget(host.name()).stream()
                .filter(o -> o.need().protocol() == Protocol.ESP).toList();
        List<ProbeOutcome> failing = outcomes.stream().filter(o -> o.result() == ProbeOutcome.Result.NOT_RECEIVED).toList();
        List<ProbeOutcome> unprobed = outcomes.stream().filter(o -> o.result() == ProbeOutcome.Result.NOT_PROBED).toList();
        String networks = "encrypted: " + String.join(", ", encrypted);
        if (!failing.isEmpty()) {
            return Finding.fail(failing.size() + " of " + outcomes.size() + " directions fail: "
                    + String.join("; ", failing.stream().map(o -> o.describe() + ": " + o.detail()).toList())
                    + " (" + networks + ")", hint(context, host, failing));
        }
        Set<String> sources = new LinkedHashSet<>();
        outcomes.stream().filter(ProbeOutcome::reached).forEach(o -> sources.add(o.source()));
        String reached = sources.isEmpty() ? "" : "IP protocol 50 arrives from " + String.join(", ", sources);
        if (!unprobed.isEmpty()) {
            return Finding.warn((reached.isEmpty() ? "" : reached + "; ") + unprobed.size() + " not probed ("
                            + unprobed.get(0).describe() + ": " + unprobed.get(0).detail() + ")",
                    "make the ESP probe possible (root or become: sudo, perl on the hosts) or check IP protocol 50 by hand");
        }
        if (outcomes.isEmpty()) {
            return Finding.warn("not probed: the probe has no ESP result for this host",
                    "run ovl doctor again; if it persists, report it as a bug in ovl");
        }
        return Finding.pass(reached + " (" + networks + ")");
    }

    /**
     * One iptables rule per failing source, inserted (-I) rather than appended: an appended ACCEPT
     * would come after the DROP or REJECT rule that is the usual cause.
     */
    private static String hint(DoctorContext context, GatheredHost target, List<ProbeOutcome> failing) {
        Set<String> rules = new LinkedHashSet<>();
        for (ProbeOutcome o : failing) {
            rules.add("iptables -I INPUT -p esp -s " + sourceAddress(context, o.source()) + " -j ACCEPT");
        }
        return "allow IP protocol 50 (ESP) in on " + target.name() + ": " + String.join("; ", rules)
                + " (nftables: ip protocol esp accept); on cloud security groups allow protocol 50;"
                + " and out on the sources if they filter outgoing traffic";
    }

    /** The address the source sends from: its advertise address, else the topology's address. */
    private static String sourceAddress(DoctorContext context, String source) {
        Optional<GatheredHost> h = context.host(source);
        return h.filter(GatheredHost::reached)
                .flatMap(g -> AdvertiseAddress.resolve(g.host(), g.facts()).value().map(AdvertiseAddress::ip))
                .or(() -> h.map(g -> g.host().address()))
                .orElse(source);
    }
}
