package io.ovl.kvmode;

import static io.ovl.kvmode.Captured.H1;
import static io.ovl.kvmode.Captured.H2;
import static io.ovl.kvmode.Captured.H3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.render.DockerdDropIn;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The apply sequence as pure orchestration, over {@link FakeHostHandle}s (fakes, by design: the
 * real thing is {@link InitResetIT} on the lab). Plans come from the real planner over captured
 * host states.
 */
class ProvisionApplyTest {
    private static final ApplyOptions QUICK = new ApplyOptions(false, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    private final Topology topology = Captured.labTopology();
    private final Map<String, FakeHostHandle> fakes = Map.of(H1, new FakeHostHandle(H1),
            H2, new FakeHostHandle(H2), H3, new FakeHostHandle(H3));

    private Plan freshPlan() {
        Plan plan = new Planner().plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));
        assertFalse(plan.blocked(), plan.blockers().toString());
        return plan;
    }

    private ChangeReport apply(Plan plan, ApplyOptions options) {
        try (OpenHosts hosts = OpenHosts.open(topology.hosts(), (Host h) -> fakes.get(h.name()), new ParallelHosts(1))) {
            return new Provision(topology, hosts, new Planner()).apply(plan, options, ChangeProgress.NONE);
        }
    }

    @Test
    void aRefusedRestartPutsBackWhatWasThereAndRestartsAgain() {
        Plan plan = freshPlan();
        FakeHostHandle h3 = fakes.get(H3);
        h3.refusedDropIn = plan.hosts().get(1).files().get(0).after();

        ChangeReport report = apply(plan, QUICK);

        assertEquals(HostOutcome.Status.CHANGED, report.hosts().get(0).status());
        assertEquals(HostOutcome.Status.ROLLED_BACK, report.hosts().get(1).status());
        assertFalse(h3.files.containsKey(DockerdDropIn.PATH), "the drop-in that was not there before is gone");
        assertTrue(h3.dockerUp);
        assertEquals(2, h3.log.stream().filter(l -> l.equals("systemctl restart docker.service")).count());
        assertEquals(ExitCode.HOST_FAILED, report.exitCode());
        assertTrue(fakes.get(H2).files.containsKey(DockerdDropIn.PATH));
    }

    @Test
    void aRollbackRestoresAnEarlierFileByteForByte() {
        FakeHostHandle h2 = fakes.get(H2);
        String earlier = "# an earlier ovl drop-in\n[Service]\n";
        h2.files.put(DockerdDropIn.PATH, earlier);
        HostState state = Captured.fresh(H2);
        state = new HostState(H2, state.dockerInfo(), state.dockerUnit(), state.daemonJson(),
                io.ovl.facts.Fact.known(Optional.of(earlier)), state.runningContainers(), state.storeContainer(),
                state.networks(), state.storeAnswers());
        Plan plan = new Planner().plan(topology, List.of(Captured.storeHostFresh(), state, Captured.fresh(H3)));
        h2.refusedDropIn = plan.hosts().get(0).files().get(0).after();

        ChangeReport report = apply(plan, QUICK);

        assertEquals(HostOutcome.Status.ROLLED_BACK, report.hosts().get(0).status());
        assertEquals(earlier, h2.files.get(DockerdDropIn.PATH));
    }

    @Test
    void rollingStopsAtTheFirstFailureAndLeavesTheRestUntouched() {
        Plan plan = freshPlan();
        fakes.get(H2).refusedDropIn = plan.hosts().get(0).files().get(0).after();

        ChangeReport report = apply(plan, new ApplyOptions(true, Duration.ZERO, Duration.ZERO, Duration.ZERO));

        assertEquals(HostOutcome.Status.ROLLED_BACK, report.hosts().get(0).status());
        assertEquals(HostOutcome.Status.SKIPPED, report.hosts().get(1).status());
        assertFalse(fakes.get(H3).log.stream().anyMatch(l -> l.startsWith("systemctl")), fakes.get(H3).log.toString());
        assertFalse(fakes.get(H3).files.containsKey(DockerdDropIn.PATH));
    }

    @Test
    void aStoreThatDoesNotAnswerFromADockerHostStopsBeforeAnyRestart() {
        Plan plan = freshPlan();
        fakes.get(H3).storeHealthy = false;

        OvlException e = assertThrows(OvlException.class, () -> apply(plan, QUICK));

        assertEquals(ExitCode.HOST_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("host " + H3 + ": check the store:"), e.getMessage());
        for (String h : List.of(H2, H3)) {
            assertFalse(fakes.get(h).log.stream().anyMatch(l -> l.startsWith("systemctl")), h + " was touched");
        }
        assertEquals(List.of("ovl-kv-etcd"), fakes.get(H1).containersCreated);
    }

    @Test
    void aBlockedPlanIsNeverApplied() {
        Plan plan = new Planner().plan(topology, List.of(Captured.storeHostFresh(),
                Captured.withDaemonJson(Captured.fresh(H2), "{\"cluster-store\": \"etcd://x:1/y\"}"), Captured.fresh(H3)));
        OvlException e = assertThrows(OvlException.class, () -> apply(plan, QUICK));
        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        fakes.values().forEach(f -> assertEquals(List.of(), f.log, f.name()));
        assertEquals(List.of(), fakes.get(H1).containersCreated);
    }

    @Test
    void aDockerdThatMissedTheStoreWhileStartingIsRestartedOnceMore() {
        Plan plan = freshPlan();
        FakeHostHandle h2 = fakes.get(H2);
        h2.runsWithDiscoveryError = 1;

        ChangeReport report = apply(plan, QUICK);

        assertEquals(HostOutcome.Status.CHANGED, report.hosts().get(0).status(), report.toString());
        assertEquals(2, h2.log.stream().filter(l -> l.equals("systemctl restart docker.service")).count());
        assertEquals(1, fakes.get(H3).log.stream().filter(l -> l.equals("systemctl restart docker.service")).count());
    }

    @Test
    void aDockerdThatKeepsMissingTheStoreIsRolledBack() {
        Plan plan = freshPlan();
        FakeHostHandle h2 = fakes.get(H2);
        h2.runsWithDiscoveryError = 2;

        ChangeReport report = apply(plan, QUICK);

        assertEquals(HostOutcome.Status.ROLLED_BACK, report.hosts().get(0).status(), report.toString());
        assertTrue(report.hosts().get(0).detail().contains("did not join"), report.hosts().get(0).detail());
        assertFalse(h2.files.containsKey(DockerdDropIn.PATH));
    }

    @Test
    void hostsThatNeedNothingAreNotRestarted() {
        Plan plan = new Planner().plan(topology, List.of(Captured.storeHostRunning(), Captured.joined(H2),
                Captured.joined(H3)));
        ChangeReport report = apply(plan, QUICK);
        assertFalse(report.changedAnything(), report.toString());
        fakes.values().forEach(f -> assertFalse(f.log.stream().anyMatch(l -> l.startsWith("systemctl")), f.name()));
    }
}
