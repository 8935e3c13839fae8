package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.change.HostOutcome;
import io.ovl.change.ChangeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Swarm-mode reset of a swarm of three managers on real Engine 26 hosts (lab {@code swarmdemote-XXXX},
 * every host {@code role: manager}): each manager but the last is demoted on the last one and leaves
 * without force, observed on the real swarm at the moment it is about to leave; the last leaves with
 * force; no host is left in a swarm. Tests run in order on one lab. Skips when not root or the lab
 * cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmDemoteResetIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("swarmdemote", LabLayout.of("26", "26", "26"));
    private static SwarmLab swarm;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        swarm = new SwarmLab(LAB.lab(), true);
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
    }

    @Test
    @Order(1)
    void initMakesEveryHostAManager() {
        ChangeReport report = swarm.init(false);

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("active true", swarm.in(h, "docker", "info", "--format",
                    "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}"), h.name());
        }
    }

    @Test
    @Order(2)
    void theResetPlanDemotesTheOtherManagersOnTheFirstAndForcesOnlyItsLeave() {
        SwarmResetPlan plan = swarm.resetPlan(false);

        assertEquals(List.of(), plan.blockers());
        assertEquals(h1.name(), plan.manager());
        assertEquals(List.of(h2.name() + " demote", h3.name() + " demote", h1.name() + " force"), plan.leaves().stream()
                .map(l -> l.host() + (l.demoteFirst() ? " demote" : "") + (l.force() ? " force" : "")).toList());
        String h2Node = swarm.in(h2, "docker", "info", "--format", "{{.Swarm.NodeID}}");
        assertEquals(h2Node, plan.leaves().get(0).nodeId());
    }

    @Test
    @Order(3)
    void resetDemotesEachOtherManagerBeforeItLeavesAndLeavesNoHostInASwarm() {
        List<String> seenAtLeave = new ArrayList<>();
        ChangeReport report = swarm.reset(false, (host, message) -> {
            if (message.startsWith("leaving the swarm") && !host.equals(h1.name())) {
                // What the real swarm says of this host the moment before it leaves: its role on the
                // last manager, and whether its own engine still runs a manager.
                LabHost leaving = host.equals(h2.name()) ? h2 : h3;
                String node = swarm.in(leaving, "docker", "info", "--format", "{{.Swarm.NodeID}}");
                seenAtLeave.add(host + " " + message + ": " + swarm.in(h1, "docker", "node", "inspect", "--format",
                        "{{.Spec.Role}}", node) + " " + swarm.in(leaving, "docker", "info", "--format",
                        "{{.Swarm.ControlAvailable}}"));
            }
        });

        assertEquals(ExitCode.OK, report.exitCode(), report.toString());
        assertEquals(List.of(h2.name() + " leaving the swarm: worker false", h3.name() + " leaving the swarm: worker false"),
                seenAtLeave);
        assertEquals(Map.of(h1.name(), "CHANGED left the swarm (force)",
                        h2.name(), "CHANGED demoted to worker on " + h1.name() + ", then left the swarm",
                        h3.name(), "CHANGED demoted to worker on " + h1.name() + ", then left the swarm"),
                report.hosts().stream().collect(Collectors.toMap(HostOutcome::host, o -> o.status() + " " + o.detail())));
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("inactive", swarm.swarmState(h), h.name());
        }
        assertTrue(swarm.resetPlan(false).nothingToDo());
    }
}
