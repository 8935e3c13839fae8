package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmApi;
import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The order in which {@link SwarmReset#apply} calls the Engine API, with FAKE engines that record
 * every call in one log and act like a swarm where it matters: a demoted node's own info says it
 * is no manager one poll later, and a manager's leave without force is refused, as dockerd
 * refuses it. The real engines run this in SwarmDemoteResetIT.
 */
class SwarmResetTest {
    private static final Topology TOPOLOGY = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
            Optional.empty(), List.of(Host.of("h1", "198.18.244.11"), Host.of("h2", "198.18.244.12"),
            Host.of("h3", "198.18.244.13"), Host.of("h4", "198.18.244.14")), List.<NetworkSpec>of());

    /** h3 worker, h2 and h4 managers demoted on h1, h1 last with force. */
    private static final SwarmResetPlan PLAN = new SwarmResetPlan("h1", List.of("labnet"), List.of(
            new SwarmResetPlan.Leave("h3", "n3", false, false, "worker: leaves"),
            new SwarmResetPlan.Leave("h2", "n2", true, false, "manager: demoted"),
            new SwarmResetPlan.Leave("h4", "n4", true, false, "manager: demoted"),
            new SwarmResetPlan.Leave("h1", "n1", false, true, "last manager")), List.of(), List.of());

    /** A fake swarm: which nodes are managers, and what fails. */
    private static final class Swarm {
        final List<String> log = new ArrayList<>();
        final Map<String, String> hostOf = Map.of("n1", "h1", "n2", "h2", "n3", "h3", "n4", "h4");
        final Set<String> managers = new java.util.HashSet<>(Set.of("h1", "h2", "h4"));
        final Set<String> failing = new java.util.HashSet<>();
        boolean demotionTakesEffect = true;
        /** Nodes the swarm still sees up at the first removal, as it does for a moment after a leave. */
        final Set<String> notDownYet = new java.util.HashSet<>();
        final io.ovl.hosts.Interruption interruption = new io.ovl.hosts.Interruption();
        /** The call during which the run is interrupted (as a Ctrl-C would), if any. */
        String interruptDuring = "";

        synchronized void record(String entry) {
            log.add(entry);
            if (entry.equals(interruptDuring)) {
                interruption.request();
            }
            if (failing.contains(entry)) {
                throw new OvlException(ExitCode.HOST_FAILED, "host " + entry.split(" ")[0] + ": " + entry.split(" ")[1]
                        + " (Docker API, HTTP 500): injected");
            }
        }

        OpenHosts hosts() {
            return OpenHosts.open(TOPOLOGY.hosts(), h -> host(h.name()), new ParallelHosts(1));
        }

        private HostHandle host(String name) {
            SwarmApi api = new SwarmApi() {
                @Override
                public NodeInfo info() {
                    record(name + " info");
                    NodeInfo i = managers.contains(name) ? Captured.manager26() : Captured.worker26();
                    return i;
                }

                @Override
                public void demote(String nodeId) {
                    record(name + " demote " + nodeId);
                    if (demotionTakesEffect) {
                        managers.remove(hostOf.get(nodeId));
                    }
                }

                @Override
                public void removeNode(String nodeId) {
                    record(name + " node rm " + nodeId);
                    if (notDownYet.remove(nodeId)) {
                        throw new OvlException(ExitCode.HOST_FAILED, "host " + name + ": remove node " + nodeId
                                + " (Docker API, HTTP 400): rpc error: node " + nodeId + " is not down and can't be removed");
                    }
                }

                @Override
                public void leave(boolean force) {
                    record(name + " leave" + (force ? " --force" : ""));
                    if (managers.contains(name) && !force) {
                        throw new OvlException(ExitCode.HOST_FAILED, "host " + name + ": swarm leave (Docker API,"
                                + " HTTP 503): You are attempting to leave the swarm on a node that is participating as a manager");
                    }
                }

                @Override
                public boolean removeNetwork(String nameOrId) {
                    record(name + " rm " + nameOrId);
                    return true;
                }

                @Override
                public JoinTokens joinTokens() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public String init(InitRequest request) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void join(String advertiseAddr, List<String> remoteManagers, String token) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<SwarmNode> nodes() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public List<SwarmNetwork> networks() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void createNetwork(NetworkSpec spec) {
                    throw new UnsupportedOperationException();
                }
            };
            return new FakeHostHandle(name).withSwarm(api);
        }

        ChangeReport apply() {
            return apply(PLAN);
        }

        ChangeReport apply(SwarmResetPlan plan) {
            try (OpenHosts hosts = hosts()) {
                return new SwarmReset(TOPOLOGY, hosts, Duration.ofMillis(200), Duration.ofMillis(1))
                        .apply(plan, ChangeProgress.NONE, interruption);
            }
        }
    }

    private static String outcome(ChangeReport r, String host) {
        HostOutcome o = r.hosts().stream().filter(x -> x.host().equals(host)).findFirst().orElseThrow();
        return o.status() + ": " + o.detail();
    }

    @Test
    void networksGoFirstThenWorkersThenEachOtherManagerIsDemotedOnTheLastAndLeavesWithoutForceThenTheLastForces() {
        Swarm swarm = new Swarm();

        ChangeReport report = swarm.apply();

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(List.of("h1 rm labnet", "h3 leave", "h1 demote n2", "h2 info", "h2 leave", "h1 demote n4", "h4 info",
                "h4 leave", "h1 leave --force"), swarm.log);
        assertEquals("CHANGED: demoted to worker on h1, then left the swarm", outcome(report, "h2"));
        assertEquals("CHANGED: left the swarm (force)", outcome(report, "h1"));
    }

    @Test
    void withHostsOnlyThoseLeaveNoNetworkIsRemovedAndEachNodeIsRemovedOnTheManagerThatStaysOnceItIsDown() {
        Swarm swarm = new Swarm();
        swarm.notDownYet.add("n2");
        SwarmResetPlan partial = new SwarmResetPlan("h1", List.of(), List.of(
                new SwarmResetPlan.Leave("h3", "n3", false, false, "worker: leaves; its node is removed"),
                new SwarmResetPlan.Leave("h2", "n2", true, false, "manager: demoted to worker first")),
                List.of(new SwarmResetPlan.Stay("h1", "outside --hosts"), new SwarmResetPlan.Stay("h4", "outside --hosts")),
                List.of(), true);

        ChangeReport report = swarm.apply(partial);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(List.of("h3 leave", "h1 node rm n3", "h1 demote n2", "h2 info", "h2 leave", "h1 node rm n2",
                "h1 node rm n2"), swarm.log);
        assertEquals("CHANGED: demoted to worker on h1, then left the swarm; its node removed on h1", outcome(report, "h2"));
        assertEquals("UNCHANGED: outside --hosts", outcome(report, "h4"));
    }

    @Test
    void aDemotionThatFailsNamesHostAndStepAndKeepsTheLastManagerSoTheSwarmSurvivesForARerun() {
        Swarm swarm = new Swarm();
        swarm.failing.add("h1 demote n2");

        ChangeReport report = swarm.apply();

        assertEquals(ExitCode.HOST_FAILED, report.exitCode());
        assertEquals("FAILED: demote (on h1): host h1: demote (Docker API, HTTP 500): injected", outcome(report, "h2"));
        assertTrue(outcome(report, "h1").startsWith("SKIPPED: still in the swarm, which it ends: the step on h2 failed"),
                outcome(report, "h1"));
        assertTrue(!swarm.log.contains("h2 leave") && !swarm.log.contains("h1 leave --force"), swarm.log.toString());
        // The other manager is still demoted and leaves: nothing about h2 stands in its way.
        assertEquals("CHANGED: demoted to worker on h1, then left the swarm", outcome(report, "h4"));
    }

    /** FAKE engines: interrupted while the worker leaves, it finishes; no manager is demoted, the swarm stays. */
    @Test
    void interruptedDuringALeaveTheLeaveFinishesAndNoOtherStepStarts() {
        Swarm swarm = new Swarm();
        swarm.interruptDuring = "h3 leave";

        ChangeReport report = swarm.apply();

        assertEquals(List.of("h1 rm labnet", "h3 leave"), swarm.log);
        assertEquals("CHANGED: left the swarm", outcome(report, "h3"));
        for (String h : List.of("h2", "h4", "h1")) {
            assertTrue(outcome(report, h).startsWith("NOT_STARTED: reset was interrupted"), outcome(report, h));
        }
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
    }

    @Test
    void aDemotedManagerThatStaysAManagerIsNotMadeToLeaveAndTheErrorSaysSo() {
        Swarm swarm = new Swarm();
        swarm.demotionTakesEffect = false;

        ChangeReport report = swarm.apply();

        assertTrue(outcome(report, "h2").startsWith("FAILED: demote (on h1): host h2: demoted on h1 but still a manager after"),
                outcome(report, "h2"));
        assertTrue(!swarm.log.contains("h2 leave") && !swarm.log.contains("h1 leave --force"), swarm.log.toString());
    }
}
