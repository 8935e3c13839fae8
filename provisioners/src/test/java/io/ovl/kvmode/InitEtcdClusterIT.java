package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.core.ExitCode;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-member etcd store on the three Docker hosts themselves (its own lab, Engine 20.10): every
 * host is a store member and an overlay host, so each dockerd restart also restarts a store
 * member. init must restart one host at a time (the others keep a quorum) so that no dockerd
 * starts without reaching the store; its log then has no discovery error and the overlay carries
 * traffic. Skips when not root or the lab cannot start.
 */
class InitEtcdClusterIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("initetcd", LabLayout.of("20.10", "20.10", "20.10"));

    @Test
    void threeMembersOnTheOverlayHostsJoinWithoutDiscoveryErrors() throws Exception {
        String all = LAB.lab().fullHosts().stream().map(LabHost::name).reduce((a, b) -> a + ", " + b).orElseThrow();
        String text = Files.readString(LAB.lab().topologyPath())
                .replaceAll("(?m)^  hosts: \\[.*]$", "  hosts: [" + all + "]")
                .replaceAll("(?m)^    overlay: false\\n", "");
        Path file = LAB.lab().stateDir().resolve("topology-etcd3.yaml");
        Files.writeString(file, text);
        Topology topology = new TopologyLoader().load(file).orThrow();
        assertEquals(3, topology.kvStore().orElseThrow().hosts().size());
        assertEquals(3, topology.overlayHosts().size());

        ChangeReport report;
        try (OpenHosts hosts = OpenHosts.overSsh(topology, file, topology.hosts(),
                SshConnector.fromSystem(), new ParallelHosts())) {
            Provision provision = new Provision(topology, hosts, new Planner());
            Plan plan = provision.plan();
            assertFalse(plan.blocked(), plan.blockers().toString());
            report = provision.apply(plan, ApplyOptions.defaults(false), ChangeProgress.NONE);
        }

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        for (LabHost h : LAB.lab().fullHosts()) {
            CommandResult log = LAB.lab().inHost(h, "sh", "-c", "journalctl --no-pager -o cat"
                    + " _SYSTEMD_INVOCATION_ID=$(systemctl show -p InvocationID --value docker.service)");
            assertTrue(log.succeeded(), log.describe());
            assertFalse(log.stdout().contains("discovery error"), h.name() + ": " + log.stdout());
        }
        LabHost h1 = LAB.host("h1");
        LabHost h3 = LAB.host("h3");
        assertTrue(LAB.lab().inHost(h1, "docker", "run", "-d", "--name", "web1", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "while true; do echo hello-from-h1 | nc -l -p 8080; done").succeeded());
        CommandResult answer = LAB.lab().inHost(h3, "docker", "run", "--rm", "--network", "labnet", "local/busybox:1",
                "sh", "-c", "for i in 1 2 3 4 5; do nc web1 8080 </dev/null && exit 0; sleep 1; done; exit 1");
        assertEquals("hello-from-h1", answer.stdout().strip(), answer.describe());
    }
}
