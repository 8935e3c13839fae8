package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.change.NetworkStep;
import io.ovl.core.ExitCode;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmApi;
import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Swarm init interrupted while a worker joins, over FAKE engines (a log of calls; the join
 * requests the interrupt, as a Ctrl-C arriving meanwhile would): orchestration logic only. The
 * real engines run swarm init in SwarmInitResetIT.
 */
class SwarmInitInterruptTest {
    private static final NetworkSpec LABNET = NetworkSpec.of("labnet", Prefix.parse("172.16.16.0/24"));
    private static final Topology TOPOLOGY = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
            Optional.empty(), List.of(Host.of("h1", "198.18.244.11"), Host.of("h2", "198.18.244.12"),
            Host.of("h3", "198.18.244.13")), List.of(LABNET));
    private static final SwarmPlan PLAN = new SwarmPlan(Optional.empty(), "h1", List.of(
            new SwarmStep("h1", SwarmRole.MANAGER, SwarmStep.Action.INIT, false, "no swarm"),
            new SwarmStep("h2", SwarmRole.WORKER, SwarmStep.Action.JOIN, false, "not in a swarm"),
            new SwarmStep("h3", SwarmRole.WORKER, SwarmStep.Action.JOIN, false, "not in a swarm")),
            List.of(new NetworkStep(LABNET, List.of(), Optional.of("h1"))), List.of(), List.of());

    private final List<String> log = new ArrayList<>();
    private final Interruption interruption = new Interruption();

    /** FAKE engines: the join in flight when the run is interrupted finishes; no other host joins, no network. */
    @Test
    void theJoinInFlightFinishesAndNothingElseStarts() {
        ChangeReport report;
        try (OpenHosts hosts = OpenHosts.open(TOPOLOGY.hosts(), h -> new FakeHostHandle(h.name()).withSwarm(engine(h.name())),
                new ParallelHosts(1))) {
            report = new SwarmInit(TOPOLOGY, hosts).apply(PLAN, ChangeProgress.NONE, interruption);
        }

        assertEquals(List.of("h1 init", "h1 tokens", "h1 info", "h2 join", "h2 info"), log);
        assertEquals(HostOutcome.Status.CHANGED, report.hosts().get(1).status(), report.toString());
        assertEquals(HostOutcome.Status.NOT_STARTED, report.hosts().get(2).status(), report.toString());
        assertTrue(report.networks().get(0).error().orElseThrow().contains("interrupted"), report.toString());
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
    }

    private SwarmApi engine(String name) {
        return new SwarmApi() {
            @Override
            public NodeInfo info() {
                log.add(name + " info");
                return name.equals("h1") ? Captured.manager26() : Captured.worker26();
            }

            @Override
            public JoinTokens joinTokens() {
                log.add(name + " tokens");
                return new JoinTokens("SWMTKN-worker", "SWMTKN-manager");
            }

            @Override
            public String init(InitRequest request) {
                log.add(name + " init");
                return "n1";
            }

            @Override
            public void join(String advertiseAddr, List<String> remoteManagers, String token) {
                log.add(name + " join");
                interruption.request();
            }

            @Override
            public void leave(boolean force) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void demote(String nodeId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeNode(String nodeId) {
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
                log.add(name + " create " + spec.name());
            }

            @Override
            public boolean removeNetwork(String nameOrId) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
