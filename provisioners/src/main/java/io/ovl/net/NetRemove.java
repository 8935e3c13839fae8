package io.ovl.net;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.change.ChangeProgress;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ovl net rm}: refuses while containers are attached anywhere (naming them and their hosts)
 * unless forced; forced, disconnects them first on their own hosts. Removes the network once, on a
 * host that lists it, then waits until no overlay host lists it.
 */
public final class NetRemove {
    /** Docker's refusal while it still counts an endpoint on the network. */
    private static final String ACTIVE_ENDPOINTS = "has active endpoints";

    private final OpenHosts hosts;
    private final VisibilityWait visibility;
    private final ChangeProgress progress;

    public NetRemove(OpenHosts hosts, VisibilityWait visibility, ChangeProgress progress) {
        this.hosts = hosts;
        this.visibility = visibility;
        this.progress = progress;
    }

    /**
     * @param removedOn where {@code docker network rm} ran
     * @param stillOn   hosts that still list it after the wait
     */
    public record Outcome(String network, String removedOn, List<String> disconnected, List<String> stillOn) {
        public Outcome {
            disconnected = List.copyOf(disconnected);
            stillOn = List.copyOf(stillOn);
        }
    }

    /**
     * Why removing {@code network} must be refused: attached containers without force, or a host
     * whose containers are unknown (it may have some). Empty when it may go ahead.
     */
    public static Optional<String> refusal(MergedNetwork network, boolean force) {
        if (force) {
            return Optional.empty();
        }
        List<String> attached = network.attached();
        String name = network.definition().name();
        if (!attached.isEmpty()) {
            return Optional.of("network " + name + " has " + attached.size() + " attached container(s): "
                    + String.join(", ", attached) + "; stop or disconnect them, or pass --force to disconnect them");
        }
        if (!network.unreadable().isEmpty()) {
            return Optional.of("cannot tell whether containers are attached on " + String.join(", ",
                    network.unreadable().keySet()) + " (" + String.join("; ", network.unreadable().values())
                    + "); pass --force to remove it anyway");
        }
        return Optional.empty();
    }

    /**
     * Removes {@code network} (already checked with {@link #refusal}); throws when Docker refuses.
     *
     * @param removeFrom hosts that may run {@code docker network rm}, in order of preference
     *                   ({@link CreatePlacement#candidates}): in swarm mode only a manager can remove a
     *                   swarm network, even when a worker lists it because a container there uses it
     */
    public Outcome remove(MergedNetwork network, List<String> removeFrom) {
        String name = network.definition().name();
        List<String> disconnected = new ArrayList<>();
        for (Map.Entry<String, List<OverlayNetwork.Endpoint>> e : network.endpoints().entrySet()) {
            for (OverlayNetwork.Endpoint ep : e.getValue()) {
                progress.step(e.getKey(), "disconnecting " + ep.container() + " from " + name);
                CommandResult r = hosts.require(e.getKey()).shell().run(NetCommands.disconnect(name, ep.container()));
                if (!r.succeeded()) {
                    throw new OvlException(ExitCode.HOST_FAILED, "host " + e.getKey() + ": disconnect " + ep.container()
                            + " from " + name + ": " + r.stderrText().strip());
                }
                disconnected.add(ep.container() + " on " + e.getKey());
            }
        }
        String on = removeFrom.stream().filter(h -> network.seenOn().contains(h) && hosts.get(h).isPresent()).findFirst()
                // Exit 3 while nothing was disconnected yet: nothing was changed (io.ovl.core.ExitCode).
                .orElseThrow(() -> new OvlException(disconnected.isEmpty() ? ExitCode.CHECKS_FAILED : ExitCode.HOST_FAILED,
                        "no reachable host that may remove " + name
                        + " lists it (may remove: " + String.join(", ", removeFrom) + "; lists it: "
                        + String.join(", ", network.seenOn()) + ")"));
        progress.step(on, "removing network " + name);
        RemoteCommand rm = NetCommands.remove(network.definition().id());
        CommandResult r = hosts.require(on).shell().run(rm);
        if (!r.succeeded() && !disconnected.isEmpty() && r.stderrText().contains(ACTIVE_ENDPOINTS)) {
            // kv mode: a disconnect on another host reaches this one through the store, not at once;
            // Docker counts the endpoint as active until it does (seen on the lab right after --force).
            progress.step(on, "waiting until the disconnects reach " + on);
            CommandResult[] last = {r};
            visibility.poll(() -> {
                last[0] = hosts.require(on).shell().run(rm);
                return last[0].succeeded() || !last[0].stderrText().contains(ACTIVE_ENDPOINTS)
                        ? Optional.of(last[0]) : Optional.empty();
            });
            r = last[0];
        }
        if (!r.succeeded()) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + on + ": docker network rm " + name + ": "
                    + r.stderrText().strip());
        }
        VisibilityWait.Visibility v = visibility.until(name, false);
        return new Outcome(name, on, disconnected, v.notDone());
    }
}
