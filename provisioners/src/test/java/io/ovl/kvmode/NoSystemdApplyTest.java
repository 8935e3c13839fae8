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
import io.ovl.facts.DaemonJson;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.RemoteFiles;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Applying a plan on a host without systemd, as pure orchestration over {@link FakeHostHandle}s
 * (fakes by design: the real init script and dockerd are exercised by {@link NoSystemdInitIT}).
 */
class NoSystemdApplyTest {
    private static final ApplyOptions QUICK = new ApplyOptions(false, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    private static final String ORIGINAL = "{\"log-level\": \"warn\"}\n";
    private final Topology topology = Captured.labTopology();
    private final Map<String, FakeHostHandle> fakes = Map.of(H1, new FakeHostHandle(H1),
            H2, new FakeHostHandle(H2), H3, new FakeHostHandle(H3));

    private Plan plan() {
        HostState h3 = NoSystemdPlannerTest.noSystemd(ORIGINAL, NoSystemdPlannerTest.capturedArgs(), Optional.empty(),
                Captured.facts("docker-info-20.10.json"));
        Plan plan = new Planner().plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), h3));
        assertFalse(plan.blocked(), plan.blockers().toString());
        fakes.get(H3).files.put(DaemonJson.PATH, ORIGINAL);
        return plan;
    }

    private ChangeReport apply(Plan plan) {
        try (OpenHosts hosts = OpenHosts.open(topology.hosts(), (Host h) -> fakes.get(h.name()), new ParallelHosts(1))) {
            return new Provision(topology, hosts, new Planner()).apply(plan, QUICK, ChangeProgress.NONE);
        }
    }

    @Test
    void theKeysAreWrittenWithABackupAndDockerdIsRestartedByTheInitScriptNotSystemd() {
        ChangeReport report = apply(plan());

        FakeHostHandle h3 = fakes.get(H3);
        assertEquals(HostOutcome.Status.CHANGED, report.hosts().get(1).status(), report.toString());
        assertTrue(h3.files.get(DaemonJson.PATH).contains("\"cluster-store\": \"" + Captured.STORE_URL + "\""));
        assertEquals(ORIGINAL, h3.files.get(DaemonJson.PATH + RemoteFiles.BACKUP_SUFFIX));
        assertTrue(h3.log.contains(String.join(" ", DockerService.INIT_SCRIPT_RESTART.argv())), h3.log.toString());
        assertFalse(h3.log.stream().anyMatch(l -> l.startsWith("systemctl")), h3.log.toString());
    }

    @Test
    void aDockerdThatExitsOnTheNewFileIsRolledBackToTheOriginalByteForByte() {
        Plan plan = plan();
        FakeHostHandle h3 = fakes.get(H3);
        h3.refusedDaemonJson = plan.hosts().get(1).files().get(0).after();

        ChangeReport report = apply(plan);

        HostOutcome o = report.hosts().get(1);
        assertEquals(HostOutcome.Status.ROLLED_BACK, o.status(), report.toString());
        // Found by the init script's status, not by waiting out the API timeout.
        assertTrue(o.detail().contains("exited after the restart"), o.detail());
        assertEquals(ORIGINAL, h3.files.get(DaemonJson.PATH));
        assertTrue(h3.dockerUp);
        assertEquals(2, h3.log.stream().filter(l -> l.equals(String.join(" ", DockerService.INIT_SCRIPT_RESTART.argv())))
                .count());
    }
}
