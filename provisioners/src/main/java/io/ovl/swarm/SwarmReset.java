package io.ovl.swarm;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.docker.SwarmApi;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import io.ovl.change.NetworkOutcome;
import io.ovl.change.ChangeProgress;
import io.ovl.topology.HostSubset;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ovl reset} in swarm mode. Applies a {@link SwarmResetPlan}:
 * <ol>
 *   <li>remove the topology's networks on the manager (a network with containers still attached
 *       stops the reset here, before any host leaves, so nothing is cut off half-way);</li>
 *   <li>workers leave;</li>
 *   <li>each other manager is demoted to worker on the plan's manager, and leaves without force
 *       once its engine says it is no manager any more;</li>
 *   <li>the plan's manager leaves last, with force: the swarm ends with it. If any earlier step
 *       failed it stays, so the swarm is still there for the next {@code reset} to finish.</li>
 * </ol>
 * The report uses init's shape: one outcome per host; a removed network is a network outcome whose
 * error is empty and which no host still sees. Interrupted ({@link Interruption}): no removal or
 * leave starts after the request (the one in flight finishes); the hosts not started stay in the
 * swarm, and {@code reset} run again finishes.
 */
public final class SwarmReset {
    /** How long a demoted manager may take to stop being one (its Raft member leaves first). */
    static final Duration DEMOTE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEMOTE_POLL = Duration.ofMillis(500);

    private final Topology topology;
    private final OpenHosts hosts;
    private final Duration demoteTimeout;
    private final Duration demotePoll;

    public SwarmReset(Topology topology, OpenHosts hosts) {
        this(topology, hosts, DEMOTE_TIMEOUT, DEMOTE_POLL);
    }

    SwarmReset(Topology topology, OpenHosts hosts, Duration demoteTimeout, Duration demotePoll) {
        this.topology = topology;
        this.hosts = hosts;
        this.demoteTimeout = demoteTimeout;
        this.demotePoll = demotePoll;
    }

    public SwarmResetPlan plan(boolean force) {
        return SwarmResetPlanner.plan(topology, SwarmFacts.read(topology, hosts), force);
    }

    /** Only the hosts of {@code subset} leave; the swarm goes on ({@link SwarmSubset#reset}). */
    public SwarmResetPlan plan(boolean force, HostSubset subset) {
        SwarmFacts facts = SwarmFacts.read(topology, hosts);
        return subset.all() ? SwarmResetPlanner.plan(topology, facts, force) : SwarmSubset.reset(facts, force, subset);
    }

    public ChangeReport apply(SwarmResetPlan plan, ChangeProgress progress) {
        return apply(plan, progress, Interruption.none());
    }

    public ChangeReport apply(SwarmResetPlan plan, ChangeProgress progress, Interruption interruption) {
        if (!plan.blockers().isEmpty()) {
            throw new IllegalArgumentException("a blocked plan is never applied: " + plan.blockers());
        }
        List<NetworkOutcome> networks = new ArrayList<>();
        boolean networksGone = true;
        for (String name : plan.removeNetworks()) {
            if (!interruption.begin(plan.manager(), "removing network " + name)) {
                networksGone = false;
                networks.add(new NetworkOutcome(name, Optional.empty(), List.of(plan.manager()), List.of(),
                        Optional.of("not removed: reset was interrupted first (run reset again)")));
                continue;
            }
            progress.step(plan.manager(), "removing network " + name);
            try {
                hosts.require(plan.manager()).swarm().removeNetwork(name);
                networks.add(new NetworkOutcome(name, Optional.empty(), List.of(), List.of(), Optional.empty()));
            } catch (OvlException e) {
                networksGone = false;
                networks.add(new NetworkOutcome(name, Optional.empty(), List.of(plan.manager()), List.of(),
                        Optional.of(e.getMessage() + " (disconnect or stop its containers, then run reset again)")));
            } finally {
                interruption.end(plan.manager());
            }
        }
        List<HostOutcome> outcomes = new ArrayList<>();
        Optional<String> failedOn = Optional.empty();
        for (SwarmResetPlan.Leave leave : plan.leaves()) {
            if (interruption.requested()) {
                outcomes.add(HostOutcome.notStarted(leave.host(), "reset"));
                continue;
            }
            if (!networksGone) {
                outcomes.add(new HostOutcome(leave.host(), HostOutcome.Status.SKIPPED,
                        "still in the swarm: a network could not be removed"));
                continue;
            }
            if (leave.host().equals(plan.manager()) && failedOn.isPresent()) {
                outcomes.add(new HostOutcome(leave.host(), HostOutcome.Status.SKIPPED, "still in the swarm, which it"
                        + " ends: the step on " + failedOn.get() + " failed; fix that and run reset again"));
                continue;
            }
            if (!interruption.begin(leave.host(), leave.demoteFirst() ? "being demoted, then leaving the swarm"
                    : "leaving the swarm")) {
                outcomes.add(HostOutcome.notStarted(leave.host(), "reset"));
                continue;
            }
            HostOutcome outcome;
            try {
                outcome = leave(plan.manager(), leave, progress);
                if (plan.removeNodes() && !outcome.failed() && !leave.nodeId().isEmpty()) {
                    outcome = removeNode(plan.manager(), leave, outcome, progress);
                }
            } finally {
                interruption.end(leave.host());
            }
            if (outcome.failed()) {
                failedOn = Optional.of(leave.host());
            }
            outcomes.add(outcome);
        }
        plan.staying().forEach(s -> outcomes.add(new HostOutcome(s.host(), HostOutcome.Status.UNCHANGED, s.why())));
        return new ChangeReport(List.of(), outcomes, networks, interruption.requested());
    }

    private HostOutcome leave(String manager, SwarmResetPlan.Leave leave, ChangeProgress progress) {
        if (leave.demoteFirst()) {
            progress.step(manager, "demoting " + leave.host() + " to worker");
            try {
                hosts.require(manager).swarm().demote(leave.nodeId());
                awaitNotManager(leave.host(), manager);
            } catch (OvlException e) {
                return new HostOutcome(leave.host(), HostOutcome.Status.FAILED, "demote (on " + manager + "): "
                        + e.getMessage());
            }
        }
        progress.step(leave.host(), "leaving the swarm" + (leave.force() ? " (force)" : ""));
        try {
            hosts.require(leave.host()).swarm().leave(leave.force());
        } catch (OvlException e) {
            return new HostOutcome(leave.host(), HostOutcome.Status.FAILED, "leave" + (leave.demoteFirst()
                    ? " (demoted to worker on " + manager + ")" : "") + ": " + e.getMessage());
        }
        return new HostOutcome(leave.host(), HostOutcome.Status.CHANGED, leave.demoteFirst()
                ? "demoted to worker on " + manager + ", then left the swarm" : leave.force()
                ? "left the swarm (force)" : "left the swarm");
    }

    /**
     * The swarm goes on without the host: its node is removed on {@code manager} once the swarm
     * sees it down (a leave takes a few seconds to show), within the demote timeout.
     */
    private HostOutcome removeNode(String manager, SwarmResetPlan.Leave leave, HostOutcome left, ChangeProgress progress) {
        progress.step(manager, "removing node " + leave.host() + " from the swarm");
        long deadline = System.nanoTime() + demoteTimeout.toNanos();
        SwarmApi api = hosts.require(manager).swarm();
        while (true) {
            try {
                api.removeNode(leave.nodeId());
                return new HostOutcome(leave.host(), left.status(), left.detail() + "; its node removed on " + manager);
            } catch (OvlException e) {
                if (!e.getMessage().contains("is not down") || System.nanoTime() - deadline > 0) {
                    return new HostOutcome(leave.host(), HostOutcome.Status.FAILED, left.detail() + ", but removing its"
                            + " node on " + manager + " failed: " + e.getMessage() + " (docker node rm " + leave.nodeId() + ")");
                }
            }
            try {
                Thread.sleep(demotePoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new HostOutcome(leave.host(), left.status(), left.detail() + "; its node not removed (interrupted)");
            }
        }
    }

    /**
     * Waits until the demoted host's own engine says it is no manager: it must not leave before,
     * because a manager's leave without force is refused. Bounded by the demote timeout.
     */
    private void awaitNotManager(String host, String manager) {
        long deadline = System.nanoTime() + demoteTimeout.toNanos();
        SwarmApi api = hosts.require(host).swarm();
        while (api.info().controlAvailable()) {
            if (System.nanoTime() - deadline > 0) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": demoted on " + manager
                        + " but still a manager after " + demoteTimeout.toSeconds() + " s (docker info:"
                        + " ControlAvailable); run reset again");
            }
            try {
                Thread.sleep(demotePoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OvlException(ExitCode.INTERRUPTED, "host " + host + ": waiting for the demotion: interrupted", e);
            }
        }
    }
}
