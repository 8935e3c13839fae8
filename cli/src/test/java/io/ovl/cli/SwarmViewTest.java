package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.swarm.SwarmResetPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The swarm reset plan as `ovl reset --dry-run` prints it: every demotion is a line before that host's leave. */
class SwarmViewTest {
    private static final SwarmResetPlan PLAN = new SwarmResetPlan("h1", List.of("labnet"), List.of(
            new SwarmResetPlan.Leave("h3", "n3", false, false, "worker: leaves"),
            new SwarmResetPlan.Leave("h2", "n2", true, false, "manager: demoted to worker on h1 first, then leaves without force"),
            new SwarmResetPlan.Leave("h1", "n1", false, true, "last manager: the swarm ends with it")),
            List.of(), List.of());

    @Test
    void theTextPlanShowsTheDemoteStepBeforeTheManagersLeaveAndForceOnlyOnTheLast() {
        assertEquals("""
                Reset plan (swarm mode):
                  network labnet: remove on h1
                  h3: leave the swarm (worker: leaves)
                  h2: demote to worker (on h1)
                  h2: leave the swarm (manager: demoted to worker on h1 first, then leaves without force)
                  h1: leave the swarm with force (last manager: the swarm ends with it)
                """, SwarmView.resetPlanText(PLAN));
    }

    @Test
    void theJsonPlanSaysWhichLeavesAreDemotedFirstAndWhichAreForced() {
        assertEquals("[{\"host\":\"h3\",\"demote-first\":false,\"force\":false},"
                        + "{\"host\":\"h2\",\"demote-first\":true,\"force\":false},"
                        + "{\"host\":\"h1\",\"demote-first\":false,\"force\":true}]",
                SwarmView.resetPlanJson(PLAN).get("leave").toString());
    }
}
