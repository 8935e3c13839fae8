package io.ovl.migrate;

import io.ovl.core.ExitCode;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What migrate did, step by step. A run that stopped early says where each host stands and how to
 * go on in {@link #stopped()}; a re-run of migrate finishes the job from the saved inventory.
 *
 * @param saved      per overlay host, whether the inventory was saved there
 * @param kvReset    per host, the drop-in removal and restart (kv reset's outcomes); empty when not reached
 * @param swarm      swarm init's report (hosts, networks); empty when not reached
 * @param checks     each carried network as the manager shows it; empty when not reached
 * @param reconnected with --reconnect, per container the outcome of its commands (detail starts
 *                    with the container's name); empty without
 * @param reconnects  containers still to attach to the swarm networks again, on their own hosts
 * @param stopped     why the run stopped before the end, with the state it left and what to do
 */
public record MigrationReport(List<HostOutcome> saved, Optional<ChangeReport> kvReset, Optional<ChangeReport> swarm,
                              List<NetworkCheck> checks, List<HostOutcome> reconnected, List<Reconnect> reconnects,
                              Optional<String> stopped) {
    public MigrationReport {
        saved = List.copyOf(saved);
        Objects.requireNonNull(kvReset, "kvReset");
        Objects.requireNonNull(swarm, "swarm");
        checks = List.copyOf(checks);
        reconnected = List.copyOf(reconnected);
        reconnects = List.copyOf(reconnects);
        Objects.requireNonNull(stopped, "stopped");
    }

    public ExitCode exitCode() {
        boolean failed = stopped.isPresent() || saved.stream().anyMatch(HostOutcome::failed)
                || kvReset.map(r -> r.exitCode() != ExitCode.OK).orElse(false)
                || swarm.map(r -> r.exitCode() != ExitCode.OK).orElse(false)
                || checks.stream().anyMatch(c -> !c.ok()) || reconnected.stream().anyMatch(HostOutcome::failed);
        return failed ? ExitCode.HOST_FAILED : ExitCode.OK;
    }

    public boolean changedAnything() {
        return saved.stream().anyMatch(o -> o.status() == HostOutcome.Status.CHANGED)
                || kvReset.map(ChangeReport::changedAnything).orElse(false)
                || swarm.map(ChangeReport::changedAnything).orElse(false)
                || reconnected.stream().anyMatch(o -> o.status() == HostOutcome.Status.CHANGED);
    }
}
