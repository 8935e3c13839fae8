package io.ovl.doctor;

import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.SwarmEngineVersions;
import io.ovl.doctor.checks.SwarmManagersReachable;
import io.ovl.doctor.checks.SwarmNodeCheck;
import io.ovl.topology.Host;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Swarm checks on facts from captured real outputs (FakeHost). {@code docker node ls} answers are
 * real captures from a lab manager (resources swarm/): healthy (h1 leader, h2 worker), and with
 * faults (h2 a drained manager, h3 a manager whose dockerd was stopped: Down, Unreachable). The
 * hosts' {@code docker info} is the captured Engine 26 one with LocalNodeState edited to "active"
 * where a test says so, and hostnames answered as the node list names them.
 */
class SwarmChecksTest {
    private static final Host M1 = manager("h1", "198.18.244.11");
    private static final Host M2 = manager("h2", "198.18.244.12");
    private static final Host M3 = manager("h3", "198.18.244.13");

    @Test
    void aHealthySwarmPassesAndAHostLeftOutFails() {
        Topology t = Labs.swarm(List.of(M1, Host.of("h2", "198.18.244.12"), Host.of("h3", "198.18.244.13")));
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        facts.put("h1", host("swcap-h1", true, Optional.of("swarm/node-ls-healthy.txt")));
        facts.put("h2", host("swcap-h2", true, Optional.empty()));
        facts.put("h3", host("swcap-h3", false, Optional.empty()));
        DoctorContext c = context(t, facts);

        assertEquals(Severity.PASS, verdict(new SwarmNodeCheck(), c, "h1").severity());
        assertEquals("Ready, Active, worker", verdict(new SwarmNodeCheck(), c, "h2").message());
        Finding h3 = verdict(new SwarmNodeCheck(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertEquals("swarm state is inactive, while h1, h2 are in the swarm", h3.message());
        assertEquals("Leader", verdict(new SwarmManagersReachable(), c, "h1").message());
        assertEquals(Severity.SKIP, verdict(new SwarmManagersReachable(), c, "h2").severity());
    }

    @Test
    void aDownManagerFailsAndADrainedNodeWarns() {
        Topology t = Labs.swarm(List.of(M1, M2, M3));
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        facts.put("h1", host("swcap-h1", true, Optional.of("swarm/node-ls-faults.txt")));
        facts.put("h2", host("swcap-h2", true, Optional.of("swarm/node-ls-faults.txt")));
        facts.put("h3", host("swcap-h3", true, Optional.empty()));
        DoctorContext c = context(t, facts);

        assertEquals(Severity.WARNING, verdict(new SwarmNodeCheck(), c, "h2").severity());
        // The same node list against a topology where h2 is a worker: its role is wrong.
        DoctorContext workerH2 = context(Labs.swarm(List.of(M1, Host.of("h2", "198.18.244.12"), M3)), facts);
        assertEquals("a manager of the swarm, the topology says worker", verdict(new SwarmNodeCheck(), workerH2, "h2").message());
        assertEquals(Severity.PASS, verdict(new SwarmManagersReachable(), c, "h2").severity());
        assertEquals("a manager lists this node as Down", verdict(new SwarmNodeCheck(), c, "h3").message());
        Finding h3 = verdict(new SwarmManagersReachable(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertEquals("manager status Unreachable (node Down)", h3.message());
    }

    @Test
    void beforeInitTheSwarmChecksSkipAndInKvModeTheyDoNotApply() {
        Topology t = Labs.swarm(List.of(M1, Host.of("h2", "198.18.244.12")));
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        facts.put("h1", host("swcap-h1", false, Optional.empty()));
        facts.put("h2", host("swcap-h2", false, Optional.empty()));
        DoctorContext c = context(t, facts);
        assertEquals(Severity.SKIP, verdict(new SwarmNodeCheck(), c, "h1").severity());
        assertEquals(Severity.SKIP, verdict(new SwarmManagersReachable(), c, "h1").severity());

        DoctorContext kv = context(Labs.kv(), Labs.healthy());
        assertEquals("not swarm mode", verdict(new SwarmNodeCheck(), kv, "h2").message());
        assertEquals("not swarm mode", verdict(new SwarmEngineVersions(), kv, "h2").message());
    }

    @Test
    void mixedMajorEngineVersionsWarnOnTheOlderHost() {
        Topology t = Labs.swarm(List.of(M1, Host.of("h2", "198.18.244.12")));
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        facts.put("h1", FakeHost.of("h2-2010").facts());
        facts.put("h2", FakeHost.of("h3-26").facts());
        DoctorContext c = context(t, facts);

        Finding old = verdict(new SwarmEngineVersions(), c, "h1");
        assertEquals(Severity.WARNING, old.severity());
        assertTrue(old.message().startsWith("Engine 20.10.24+dfsg1, while h2 run 26.x"), old.message());
        assertEquals(Severity.PASS, verdict(new SwarmEngineVersions(), c, "h2").severity());
    }

    private static HostFacts host(String hostname, boolean active, Optional<String> nodeLs) {
        FakeHost h = FakeHost.of("h3-26").answer(FactCommands.HOSTNAME, hostname + "\n");
        if (active) {
            h.edit(FactCommands.DOCKER_INFO, "h3-26", "docker-info.json", "\"LocalNodeState\":\"inactive\"",
                    "\"LocalNodeState\":\"active\"");
        }
        nodeLs.ifPresent(file -> h.answer(FactCommands.SWARM_NODES, FakeHost.resource(file)));
        return h.facts();
    }

    private static Host manager(String name, String address) {
        return new Host(name, address, true, Optional.empty(), Optional.of(SwarmRole.MANAGER), SshSettings.DEFAULTS);
    }
}
