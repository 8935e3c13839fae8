package io.ovl.net;

import io.ovl.core.OvlException;
import io.ovl.facts.Fact;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every overlay host's overlay networks, read in parallel ({@code docker network inspect} of all
 * networks, the overlay ones kept). A host that cannot be read keeps the reason.
 *
 * @param hosts    the overlay hosts in topology order
 * @param networks per host, its overlay networks or why they are unknown
 */
public record NetReadout(List<String> hosts, Map<String, Fact<List<OverlayNetwork>>> networks) {
    public NetReadout {
        hosts = List.copyOf(hosts);
        networks = Map.copyOf(networks);
    }

    public static NetReadout read(OpenHosts hosts, ParallelHosts parallel) {
        Map<String, Fact<List<OverlayNetwork>>> out = new LinkedHashMap<>();
        hosts.unreachable().forEach((h, why) -> out.put(h, Fact.unknown("cannot reach the host: " + why)));
        for (HostResult<Fact<List<OverlayNetwork>>> r : parallel.forEach(hosts.reached(), Function.identity(),
                h -> readOne(hosts, h))) {
            out.put(r.host(), r.value().orElseGet(() -> Fact.unknown(r.error().map(OvlException::getMessage).orElse("failed"))));
        }
        return new NetReadout(hosts.names(), out);
    }

    private static Fact<List<OverlayNetwork>> readOne(OpenHosts hosts, String host) {
        CommandResult r = hosts.require(host).shell().run(NetCommands.NETWORKS);
        if (!r.succeeded()) {
            return Fact.unknown("`docker network inspect` exited with status " + r.exitCode()
                    + r.stderrText().strip().lines().findFirst().map(l -> ": " + l).orElse(""));
        }
        try {
            return Fact.known(OverlayNetwork.parseInspect(r.stdoutText()).stream().filter(OverlayNetwork::isOverlay).toList());
        } catch (RuntimeException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    /** Hosts whose networks could not be read, with the reason. */
    public Map<String, String> unreadable() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : hosts) {
            Fact<List<OverlayNetwork>> f = networks.get(h);
            if (f == null || !f.isKnown()) {
                out.put(h, f == null ? "not read" : f.why());
            }
        }
        return out;
    }
}
