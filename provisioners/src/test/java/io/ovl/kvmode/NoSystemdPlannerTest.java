package io.ovl.kvmode;

import static io.ovl.kvmode.Captured.H2;
import static io.ovl.kvmode.Captured.H3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.facts.Fact;
import io.ovl.facts.DaemonJson;
import io.ovl.facts.DockerInfo;
import io.ovl.ssh.CommandResult;
import io.ovl.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Planning init and reset for a host without systemd (dockerd from /etc/init.d/docker, ovl's keys
 * in daemon.json), over host states built from outputs captured on the lab ({@link Captured}, and
 * dockerd's command line from a {@code lab/up --engine 20.10:sysv} host).
 */
class NoSystemdPlannerTest {
    private static final String ADVERTISE = "198.19.144.13:2376";
    private final Topology topology = Captured.labTopology();
    private final Planner planner = new Planner();

    /** h3 as a host without systemd: `systemctl cat` fails, dockerd runs as the init script started it. */
    static HostState noSystemd(String daemonJson, List<String> args, Optional<String> backup, String dockerInfo) {
        HostState s = Captured.fresh(H3);
        return new HostState(H3, Fact.known(DockerInfo.parse(dockerInfo)),
                Fact.unknown("`systemctl cat docker.service` exited with status 1: System has not been booted with"
                        + " systemd as init system (PID 1). Can't operate."),
                Fact.known(Optional.ofNullable(daemonJson)), Fact.known(Optional.empty()), Fact.known(0),
                s.storeContainer(), s.networks(), s.storeAnswers(), Fact.known(new InitScriptDocker(args, backup)));
    }

    static List<String> capturedArgs() {
        String out = Captured.own("dockerd-cmdline-init-script.txt");
        return InitScriptDocker.parseArgs(H3, CommandResult.ok(H3, InitScriptDocker.READ, out));
    }

    private static String freshInfo() {
        return Captured.facts("docker-info-20.10.json");
    }

    private Plan plan(HostState h3) {
        return planner.plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), h3));
    }

    @Test
    void theCapturedCommandLineIsTheInitScriptsPidFileFlag() {
        assertEquals(List.of("-p", "/var/run/docker.pid"), capturedArgs());
    }

    @Test
    void ovlsKeysAreMergedNextToTheOperatorsAndDockerdIsRestartedByTheInitScript() {
        String operator = "{\n  \"log-level\": \"warn\",\n  \"labels\": [\"rack=a\"]\n}\n";
        Plan plan = plan(noSystemd(operator, capturedArgs(), Optional.empty(), freshInfo()));

        assertEquals(List.of(), plan.blockers());
        HostPlan h3 = plan.hosts().get(1);
        assertEquals(DockerService.INIT_SCRIPT, h3.service());
        assertEquals(DockerService.SYSTEMD, plan.hosts().get(0).service());
        assertTrue(h3.restartDocker());
        FileChange change = h3.files().get(0);
        assertEquals(DaemonJson.PATH, change.path());
        assertEquals(Optional.of(operator), change.before());
        var after = DaemonJson.parse(change.after().get());
        assertEquals("warn", after.get("log-level").asText());
        assertEquals("rack=a", after.get("labels").get(0).asText());
        assertEquals(Captured.STORE_URL, after.get("cluster-store").asText());
        assertEquals(ADVERTISE, after.get("cluster-advertise").asText());
        assertEquals(Captured.STORE_URL, h3.expectedStore());
        assertEquals(ADVERTISE, h3.expectedAdvertise());
        // The dry run shows it as a diff that adds only ovl's keys.
        String diff = change.diff();
        assertTrue(diff.contains("+  \"cluster-store\": \"" + Captured.STORE_URL + "\""), diff);
        assertFalse(diff.lines().anyMatch(l -> l.startsWith("-") && !l.startsWith("---") && l.contains("log-level")),
                diff);
    }

    @Test
    void withoutADaemonJsonOvlCreatesOne() {
        HostPlan h3 = plan(noSystemd(null, capturedArgs(), Optional.empty(), freshInfo())).hosts().get(1);
        assertEquals(Optional.empty(), h3.files().get(0).before());
        assertEquals(2, DaemonJson.parse(h3.files().get(0).after().get()).size());
    }

    @Test
    void aKeyTheOperatorSetToAnotherValueBlocksNamingHostFileAndKey() {
        Plan plan = plan(noSystemd("{\"cluster-store\": \"consul://10.0.0.9:8500\"}", capturedArgs(), Optional.empty(),
                freshInfo()));

        assertEquals(1, plan.blockers().size(), plan.blockers().toString());
        Finding b = plan.blockers().get(0);
        assertEquals(H3, b.host());
        assertEquals("daemon-json.keys", b.subject());
        assertTrue(b.message().contains(DaemonJson.PATH) && b.message().contains("\"cluster-store\"")
                && b.message().contains("consul://10.0.0.9:8500"), b.message());
        assertEquals(List.of(H2), plan.hosts().stream().map(HostPlan::host).toList());
    }

    @Test
    void aFlagOnTheRunningDockerdsCommandLineForAKeyOvlWouldWriteBlocks() {
        // DOCKER_OPTS="--cluster-advertise=eth0:2376" in /etc/default/docker, expanded by the init script.
        List<String> args = List.of("-p", "/var/run/docker.pid", "--cluster-advertise=eth0:2376");
        Plan plan = plan(noSystemd("{}", args, Optional.empty(), freshInfo()));

        assertEquals(1, plan.blockers().size(), plan.blockers().toString());
        Finding b = plan.blockers().get(0);
        assertEquals("daemon-json.flags", b.subject());
        assertTrue(b.message().contains("--cluster-advertise") && b.message().contains("would get \"cluster-advertise\"")
                && b.message().contains("DOCKER_OPTS"), b.message());
    }

    @Test
    void anOperatorsKeyThatClashesWithTheInitScriptsOwnFlagBlocksToo() {
        // The init script always passes -p; a "pidfile" key would stop dockerd at the next start.
        Plan plan = plan(noSystemd("{\"pidfile\": \"/run/d.pid\"}", capturedArgs(), Optional.empty(), freshInfo()));
        assertEquals(List.of("daemon-json.flags"), plan.blockers().stream().map(Finding::subject).toList());
        assertTrue(plan.blockers().get(0).message().contains("sets \"pidfile\""), plan.blockers().get(0).message());
    }

    @Test
    void aSecondRunChangesNothingAndRestartsNothing() {
        String first = plan(noSystemd("{\"log-level\": \"warn\"}", capturedArgs(), Optional.empty(), freshInfo()))
                .hosts().get(1).files().get(0).after().get();
        HostState joined = noSystemd(first, capturedArgs(), Optional.of("{\"log-level\": \"warn\"}"),
                Captured.own("docker-info-init-h3-joined.json"));

        HostPlan h3 = plan(joined).hosts().get(1);

        assertEquals(List.of(), h3.files());
        assertFalse(h3.restartDocker(), h3.why());
        assertTrue(h3.why().startsWith("already configured"), h3.why());
    }

    @Test
    void keysInPlaceThatDockerdDoesNotRunWithYetMeanARestartWithoutAWrite() {
        String first = plan(noSystemd(null, capturedArgs(), Optional.empty(), freshInfo()))
                .hosts().get(1).files().get(0).after().get();
        HostPlan h3 = plan(noSystemd(first, capturedArgs(), Optional.empty(), freshInfo())).hosts().get(1);
        assertEquals(List.of(), h3.files());
        assertTrue(h3.restartDocker(), h3.why());
    }

    @Test
    void aHostNeitherSystemdNorInitScriptIsRefusedWithBothReasons() {
        HostState s = Captured.fresh(H3);
        HostState neither = new HostState(H3, s.dockerInfo(), Fact.unknown("systemctl: not found"), s.daemonJson(),
                s.dropIn(), s.runningContainers(), s.storeContainer(), s.networks(), s.storeAnswers(),
                Fact.unknown("host " + H3 + ": neither systemd nor /etc/init.d/docker"));

        Plan plan = plan(neither);

        Finding b = plan.blockers().stream().filter(x -> x.subject().equals("docker.unit")).findFirst().orElseThrow();
        assertTrue(b.message().contains("systemctl: not found") && b.message().contains("/etc/init.d/docker"),
                b.message());
    }

    @Test
    void readExitCodesBecomeReasonsAPersonCanActOn() {
        OvlException e = assertThrows(OvlException.class, () -> InitScriptDocker.parseArgs(H3,
                new CommandResult(H3, InitScriptDocker.READ, 6, new byte[0], new byte[0])));
        assertTrue(e.getMessage().contains("no dockerd process runs"), e.getMessage());
        e = assertThrows(OvlException.class, () -> InitScriptDocker.parseArgs(H3,
                new CommandResult(H3, InitScriptDocker.READ, 0, "/bin/sh\n-c\n".getBytes(StandardCharsets.UTF_8),
                        new byte[0])));
        assertTrue(e.getMessage().contains("expected dockerd first"), e.getMessage());
    }

    // ---- reset ----

    private static final String ORIGINAL = "{ \"log-level\" : \"warn\" }\n"; // the operator's own spacing

    private ResetPlan reset(HostState h3) {
        return ResetPlanner.plan(topology, List.of(Captured.storeHostRunning(), Captured.joined(H2), h3), false);
    }

    private String initialised(String original) {
        return plan(noSystemd(original, capturedArgs(), Optional.empty(), freshInfo()))
                .hosts().get(1).files().get(0).after().get();
    }

    @Test
    void resetPutsBackTheBackupByteForByteWhenItIsTheFileWithoutOvlsKeys() {
        HostState h3 = noSystemd(initialised(ORIGINAL), capturedArgs(), Optional.of(ORIGINAL),
                Captured.own("docker-info-init-h3-joined.json"));

        HostPlan p = reset(h3).hosts().stream().filter(h -> h.host().equals(H3)).findFirst().orElseThrow();

        assertEquals(DockerService.INIT_SCRIPT, p.service());
        assertTrue(p.restartDocker());
        assertEquals(Optional.of(ORIGINAL), p.files().get(0).after());
    }

    @Test
    void resetRemovesTheFileOvlCreated() {
        HostState h3 = noSystemd(initialised(null), capturedArgs(), Optional.empty(),
                Captured.own("docker-info-init-h3-joined.json"));
        HostPlan p = reset(h3).hosts().get(2);
        assertTrue(p.files().get(0).removes(), p.toString());
    }

    @Test
    void resetKeepsKeysTheOperatorAddedSinceInitAndRemovesOnlyOvls() {
        String since = initialised(ORIGINAL).replace("\"log-level\"", "\"debug\": true,\n  \"log-level\"");
        HostState h3 = noSystemd(since, capturedArgs(), Optional.of(ORIGINAL),
                Captured.own("docker-info-init-h3-joined.json"));

        var after = DaemonJson.parse(reset(h3).hosts().get(2).files().get(0).after().get());

        assertEquals(List.of("debug", "log-level"), iterable(after.fieldNames()));
    }

    @Test
    void resetOfAHostWithoutOvlsKeysDoesNothing() {
        HostState h3 = noSystemd(ORIGINAL, capturedArgs(), Optional.empty(), freshInfo());
        HostPlan p = reset(h3).hosts().get(2);
        assertFalse(p.changesSomething(), p.toString());
    }

    @Test
    void resetRefusesWhenOvlsKeysAreThereButDockerdCannotBeRestarted() {
        HostState s = noSystemd(initialised(null), capturedArgs(), Optional.empty(), freshInfo());
        HostState down = new HostState(H3, Fact.unknown("Cannot connect to the Docker daemon"), s.dockerUnit(),
                s.daemonJson(), s.dropIn(), s.runningContainers(), s.storeContainer(), s.networks(), s.storeAnswers(),
                Fact.unknown("host " + H3 + ": no dockerd process runs"));

        ResetPlan plan = reset(down);

        Finding b = plan.blockers().stream().filter(x -> x.host().equals(H3)).findFirst().orElseThrow();
        assertEquals("daemon-json.keys", b.subject());
        assertTrue(b.message().contains("no dockerd process runs"), b.message());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
