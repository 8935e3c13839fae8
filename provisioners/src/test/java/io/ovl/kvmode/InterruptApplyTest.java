package io.ovl.kvmode;

import static io.ovl.kvmode.Captured.H1;
import static io.ovl.kvmode.Captured.H2;
import static io.ovl.kvmode.Captured.H3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ApplyOptions;
import io.ovl.change.ChangeProgress;
import io.ovl.change.ChangeReport;
import io.ovl.change.HostOutcome;
import io.ovl.core.ExitCode;
import io.ovl.hosts.Interruption;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.render.DockerdDropIn;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What init and reset do when interrupted, as orchestration logic over FAKE hosts
 * ({@link FakeHostHandle}: a FAKE dockerd whose restart a test holds until it releases it). The
 * real signals, launcher and dockerd are {@code InterruptIT} on the lab.
 */
class InterruptApplyTest {
    private static final ApplyOptions QUICK = new ApplyOptions(false, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    private static final ApplyOptions ROLLING = new ApplyOptions(true, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    private final Topology topology = Captured.labTopology();
    private final Map<String, FakeHostHandle> fakes = Map.of(H1, new FakeHostHandle(H1),
            H2, new FakeHostHandle(H2), H3, new FakeHostHandle(H3));
    private final Interruption interruption = new Interruption();

    /** A restart that says it started and then waits until released. */
    private static final class HeldRestart implements Runnable {
        final CountDownLatch restarting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void run() {
            restarting.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS), "the test never released the restart");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitRestarting() throws InterruptedException {
            assertTrue(restarting.await(10, TimeUnit.SECONDS), "docker was never restarted");
        }
    }

    private Plan freshPlan() {
        Plan plan = new Planner().plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));
        assertFalse(plan.blocked(), plan.blockers().toString());
        return plan;
    }

    private <T> CompletableFuture<T> inBackground(int parallel, Function<OpenHosts, T> run) {
        return CompletableFuture.supplyAsync(() -> {
            try (OpenHosts hosts = OpenHosts.open(topology.hosts(), (Host h) -> fakes.get(h.name()),
                    new ParallelHosts(parallel))) {
                return run.apply(hosts);
            }
        });
    }

    private CompletableFuture<ChangeReport> init(ApplyOptions options) {
        Plan plan = freshPlan();
        return inBackground(4, hosts -> new Provision(topology, hosts, new Planner())
                .apply(plan, options, ChangeProgress.NONE, interruption));
    }

    private boolean touched(String host) {
        return fakes.get(host).log.stream().anyMatch(l -> l.startsWith("systemctl") || l.contains("cat >"));
    }

    /** FAKE hosts, rolling: the host in flight finishes, the next is never started, no network is created. */
    @Test
    void rollingTheHostInFlightFinishesAndTheNextIsNotStarted() throws Exception {
        HeldRestart held = new HeldRestart();
        fakes.get(H2).onRestart = held;

        CompletableFuture<ChangeReport> run = init(ROLLING);
        held.awaitRestarting();
        assertEquals(Map.of(H2, "drop-in written, docker restarting (may be down)"), interruption.inFlight());
        interruption.request();
        held.release.countDown();
        ChangeReport report = run.get(10, TimeUnit.SECONDS);

        assertEquals(HostOutcome.Status.CHANGED, report.hosts().get(0).status(), report.toString());
        assertEquals(HostOutcome.Status.NOT_STARTED, report.hosts().get(1).status(), report.toString());
        assertTrue(report.hosts().get(1).detail().contains("nothing was changed"), report.hosts().get(1).detail());
        assertTrue(fakes.get(H2).files.containsKey(DockerdDropIn.PATH));
        assertTrue(fakes.get(H2).storeWhenUp.startsWith("etcd://"), "h2 runs with the store: " + fakes.get(H2).storeWhenUp);
        assertFalse(touched(H3), fakes.get(H3).log.toString());
        assertTrue(report.interrupted());
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
        assertTrue(report.networks().stream().allMatch(n -> n.createdOn().isEmpty()), report.networks().toString());
        assertFalse(fakes.get(H2).log.stream().anyMatch(l -> l.contains("network create")), fakes.get(H2).log.toString());
        assertEquals(Map.of(), interruption.inFlight());
    }

    /** FAKE hosts, in parallel: every host already in flight finishes; none is left written but not restarted. */
    @Test
    void inParallelEveryHostInFlightFinishes() throws Exception {
        HeldRestart h2 = new HeldRestart();
        HeldRestart h3 = new HeldRestart();
        fakes.get(H2).onRestart = h2;
        fakes.get(H3).onRestart = h3;

        CompletableFuture<ChangeReport> run = init(QUICK);
        h2.awaitRestarting();
        h3.awaitRestarting();
        interruption.request();
        h2.release.countDown();
        h3.release.countDown();
        ChangeReport report = run.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(HostOutcome.Status.CHANGED, HostOutcome.Status.CHANGED),
                report.hosts().stream().map(HostOutcome::status).toList(), report.toString());
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
    }

    /** FAKE hosts: a dockerd that refuses the drop-in while the run is interrupted is still rolled back. */
    @Test
    void aHostInFlightThatFailsIsStillRolledBack() throws Exception {
        Plan plan = freshPlan();
        HeldRestart held = new HeldRestart();
        FakeHostHandle h2 = fakes.get(H2);
        h2.refusedDropIn = plan.hosts().get(0).files().get(0).after();
        h2.onRestart = held;

        CompletableFuture<ChangeReport> run = inBackground(1, hosts -> new Provision(topology, hosts, new Planner())
                .apply(plan, ROLLING, ChangeProgress.NONE, interruption));
        held.awaitRestarting();
        interruption.request();
        h2.onRestart = () -> { };
        held.release.countDown();
        ChangeReport report = run.get(10, TimeUnit.SECONDS);

        assertEquals(HostOutcome.Status.ROLLED_BACK, report.hosts().get(0).status(), report.toString());
        assertFalse(h2.files.containsKey(DockerdDropIn.PATH));
        assertTrue(h2.dockerUp);
        assertEquals(HostOutcome.Status.SKIPPED, report.hosts().get(1).status(), "--rolling stopped at the failure");
        assertFalse(touched(H3), fakes.get(H3).log.toString());
    }

    /** FAKE hosts: interrupted before apply, nothing is started, not even the store. */
    @Test
    void interruptedBeforeApplyStartsNothing() throws Exception {
        interruption.request();
        ChangeReport report = init(QUICK).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(), fakes.get(H1).containersCreated);
        assertEquals(HostOutcome.Status.NOT_STARTED, report.store().get(0).status());
        assertTrue(report.hosts().stream().allMatch(o -> o.status() == HostOutcome.Status.NOT_STARTED), report.toString());
        fakes.keySet().forEach(h -> assertFalse(touched(h), h));
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
    }

    /** FAKE hosts: reset, in flight on one host: it finishes; the store container is not removed. */
    @Test
    void resetInFlightFinishesAndTheStoreIsNotRemoved() throws Exception {
        fakes.get(H2).files.put(DockerdDropIn.PATH, "# ovl drop-in\n");
        fakes.get(H3).files.put(DockerdDropIn.PATH, "# ovl drop-in\n");
        ResetPlan plan = ResetPlanner.plan(topology, List.of(Captured.storeHostRunning(), Captured.joined(H2),
                Captured.joined(H3)), false);
        HeldRestart held = new HeldRestart();
        fakes.get(H2).onRestart = held;

        CompletableFuture<ChangeReport> run = inBackground(1, hosts -> new Reset(topology, hosts)
                .apply(plan, QUICK, ChangeProgress.NONE, interruption));
        held.awaitRestarting();
        assertEquals(Map.of(H2, "drop-in removed, docker restarting (may be down)"), interruption.inFlight());
        interruption.request();
        held.release.countDown();
        ChangeReport report = run.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(HostOutcome.Status.UNCHANGED, HostOutcome.Status.CHANGED, HostOutcome.Status.NOT_STARTED),
                report.hosts().stream().map(HostOutcome::status).toList(), report.toString());
        assertTrue(fakes.get(H3).files.containsKey(DockerdDropIn.PATH));
        assertFalse(fakes.get(H1).log.stream().anyMatch(l -> l.startsWith("docker rm")), fakes.get(H1).log.toString());
        assertEquals(HostOutcome.Status.NOT_STARTED, report.store().get(0).status());
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
    }
}
