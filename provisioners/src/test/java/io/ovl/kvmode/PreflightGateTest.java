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
import io.ovl.change.InitPreflight;
import io.ovl.change.PreflightReport;
import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.Fact;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the preflight's results stop the plan: the real {@link Planner} over host states captured on
 * lab hosts ({@link Captured}), with {@link PreflightReport}s written by hand (pure logic; which
 * results doctor gives is InitPreflightTest's and the lab IT's business), and apply over
 * {@link FakeHostHandle}s that record every command.
 */
class PreflightGateTest {
    private final Topology topology = Captured.labTopology();

    private static Finding fail(String check, String host) {
        return Finding.fail(check + " failed on " + host, "do the fix").about(check).on(host);
    }

    private static Finding warn(String check, String host, boolean ignored) {
        Finding w = Finding.warn(check + " warns on " + host, "look").about(check).on(host);
        return ignored ? w.asIgnored() : w;
    }

    private Plan plan(PreflightReport checks, HostState... states) {
        return new Planner(DoctorFirst.withOwn(checks, Preflight.DEFAULT)).plan(topology, List.of(states));
    }

    /**
     * A store not running yet is init's to fix when the store is ovl's; missing TLS files are not
     * (init would start store containers and then fail on them), so they must still stop it.
     */
    @Test
    void onlyTheStoresOwnStateIsLeftToInitMissingTlsFilesStillStopIt() {
        assertTrue(topology.kvStore().map(k -> !k.isExternal()).orElse(false), "the lab's store is ovl's");

        assertTrue(InitPreflight.initStartsTheStore(topology, fail("kv.healthy", H2), Optional.empty()));
        assertFalse(InitPreflight.initStartsTheStore(topology, fail("kv.tls-files", H2), Optional.empty()));
    }

    @Test
    void aFailedCheckBlocksTheOtherwiseCleanPlanWithDoctorsMessageAndFix() {
        PreflightReport checks = new PreflightReport(false, List.of(fail("ports.reachable", H3),
                warn("clock.skew", H2, false)));
        Plan plan = plan(checks, Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3));

        assertEquals(List.of(H3 + " ports.reachable ports.reachable failed on " + H3 + "; fix: do the fix"),
                plan.blockers().stream().map(b -> b.host() + " " + b.subject() + " " + b.messageWithFix()).toList());
    }

    @Test
    void warningsAndIgnoredFailuresDoNotBlock() {
        PreflightReport checks = new PreflightReport(false, List.of(warn("clock.skew", H2, false),
                warn("ports.reachable", H3, true)));
        Plan plan = plan(checks, Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3));

        assertEquals(List.of(), plan.blockers());
    }

    @Test
    void aProblemDoctorReportedIsNotReportedAgainByInitsOwnTwinCheck() {
        HostState h3 = Captured.with(Captured.fresh(H3), Fact.known(DockerInfo.parse(Captured.facts("docker-info-26.json"))));

        Plan withDoctor = plan(new PreflightReport(false, List.of(fail("docker.mode-compat", H3))),
                Captured.storeHostFresh(), Captured.fresh(H2), h3);
        assertEquals(List.of("docker.mode-compat"), checksOn(withDoctor, H3));

        // Skipped or ignored, doctor says nothing that blocks: init's own check still refuses Engine 26.
        Plan skipped = plan(PreflightReport.skippedByRequest(), Captured.storeHostFresh(), Captured.fresh(H2), h3);
        assertEquals(List.of("engine.cluster-store"), checksOn(skipped, H3));
        Plan ignored = plan(new PreflightReport(false, List.of(warn("docker.mode-compat", H3, true))),
                Captured.storeHostFresh(), Captured.fresh(H2), h3);
        assertEquals(List.of("engine.cluster-store"), checksOn(ignored, H3));
    }

    @Test
    void aTwinIsLeftOutOnlyOnTheHostWhereDoctorFailed() {
        HostState h2 = Captured.with(Captured.fresh(H2), Fact.known(DockerInfo.parse(Captured.facts("docker-info-26.json"))));
        HostState h3 = Captured.with(Captured.fresh(H3), Fact.known(DockerInfo.parse(Captured.facts("docker-info-26.json"))));

        Plan plan = plan(new PreflightReport(false, List.of(fail("docker.mode-compat", H3))),
                Captured.storeHostFresh(), h2, h3);

        assertEquals(List.of("engine.cluster-store"), checksOn(plan, H2));
        assertEquals(List.of("docker.mode-compat"), checksOn(plan, H3));
    }

    @Test
    void applyRefusesAPlanTheChecksBlockedAndTouchesNoHost() {
        Map<String, FakeHostHandle> fakes = Map.of(H1, new FakeHostHandle(H1), H2, new FakeHostHandle(H2),
                H3, new FakeHostHandle(H3));
        Plan plan = plan(new PreflightReport(false, List.of(fail("host.hostname-unique", H2))),
                Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3));

        try (OpenHosts hosts = OpenHosts.open(topology.hosts(), (Host h) -> fakes.get(h.name()), new ParallelHosts(1))) {
            OvlException e = assertThrows(OvlException.class, () -> new Provision(topology, hosts, new Planner())
                    .apply(plan, new ApplyOptions(false, Duration.ZERO, Duration.ZERO, Duration.ZERO), ChangeProgress.NONE));
            assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
            assertTrue(e.getMessage().contains("host " + H2 + ": host.hostname-unique"), e.getMessage());
        }
        fakes.values().forEach(f -> assertEquals(List.of(), f.log, f.name() + " was touched"));
    }

    private static List<String> checksOn(Plan plan, String host) {
        return plan.blockers().stream().filter(b -> b.host().equals(host)).map(Finding::subject).toList();
    }
}
