package io.ovl.change;

import io.ovl.core.ExitCode;
import java.util.List;

/**
 * What init did: per store host, per overlay host, per network. The CLI renders it as lines or JSON.
 *
 * @param store       one line per store host: "created", "started" or "already running"
 * @param interrupted the run was interrupted: the steps in flight finished, the hosts not started
 *                    are {@link HostOutcome.Status#NOT_STARTED}
 */
public record ChangeReport(List<HostOutcome> store, List<HostOutcome> hosts, List<NetworkOutcome> networks,
                         boolean interrupted) {
    public ChangeReport {
        store = List.copyOf(store);
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
    }

    /** A run that was not interrupted. */
    public ChangeReport(List<HostOutcome> store, List<HostOutcome> hosts, List<NetworkOutcome> networks) {
        this(store, hosts, networks, false);
    }

    public boolean changedAnything() {
        return store.stream().anyMatch(h -> h.status() == HostOutcome.Status.CHANGED)
                || hosts.stream().anyMatch(h -> h.status() != HostOutcome.Status.UNCHANGED)
                || networks.stream().anyMatch(n -> n.createdOn().isPresent());
    }

    /** 130 when interrupted; else 0 when every host and network is as the topology says, else 4 (a host failed). */
    public ExitCode exitCode() {
        if (interrupted) {
            return ExitCode.INTERRUPTED;
        }
        boolean failed = store.stream().anyMatch(HostOutcome::failed) || hosts.stream().anyMatch(HostOutcome::failed)
                || networks.stream().anyMatch(n -> !n.ok());
        return failed ? ExitCode.HOST_FAILED : ExitCode.OK;
    }
}
