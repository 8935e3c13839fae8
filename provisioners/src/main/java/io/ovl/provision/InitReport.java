package io.ovl.provision;

import io.ovl.core.ExitCode;
import java.util.List;

/**
 * What init did: per store host, per overlay host, per network. The CLI renders it as lines or JSON.
 *
 * @param store one line per store host: "created", "started" or "already running"
 */
public record InitReport(List<HostOutcome> store, List<HostOutcome> hosts, List<NetworkOutcome> networks) {
    public InitReport {
        store = List.copyOf(store);
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
    }

    public boolean changedAnything() {
        return store.stream().anyMatch(h -> h.status() == HostOutcome.Status.CHANGED)
                || hosts.stream().anyMatch(h -> h.status() != HostOutcome.Status.UNCHANGED)
                || networks.stream().anyMatch(n -> n.createdOn().isPresent());
    }

    /** 0 when every host and network is as the topology says, else 4 (a host failed). */
    public ExitCode exitCode() {
        boolean failed = store.stream().anyMatch(HostOutcome::failed) || hosts.stream().anyMatch(HostOutcome::failed)
                || networks.stream().anyMatch(n -> !n.ok());
        return failed ? ExitCode.HOST_FAILED : ExitCode.OK;
    }
}
