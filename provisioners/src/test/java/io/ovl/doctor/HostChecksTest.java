package io.ovl.doctor;

import static io.ovl.doctor.Labs.H1;
import static io.ovl.doctor.Labs.H2;
import static io.ovl.doctor.Labs.H3;
import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.DockerModeCompat;
import io.ovl.doctor.checks.DockerVersionCheck;
import io.ovl.doctor.checks.DockerdConfigConflict;
import io.ovl.doctor.checks.DockerdLogCheck;
import io.ovl.doctor.checks.KernelVersionCheck;
import io.ovl.doctor.checks.KernelVxlan;
import io.ovl.doctor.checks.SshReachable;
import io.ovl.doctor.checks.SudoWorks;
import io.ovl.topology.Become;
import io.ovl.topology.Host;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Host-local checks evaluated on facts gathered from captured real outputs (FakeHost). */
class HostChecksTest {

    private static Finding on(Check check, Topology t, String host, HostFacts facts) {
        return verdict(check, context(t, Map.of(host, facts)), host);
    }

    @Test
    void sshReachablePassesForReachedHostsAndFailsWithTheConnectError() {
        DoctorContext c = context(Labs.kv(), Map.of("h2", FakeHost.of("h2-2010").facts()));
        assertEquals(Severity.PASS, verdict(new SshReachable(), c, "h2").severity());
        Finding h3 = verdict(new SshReachable(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().contains("connection refused"), h3.message());
        // Every other check skips an unreached host instead of piling up failures.
        assertEquals(Severity.SKIP, verdict(new KernelVersionCheck(), c, "h3").severity());
    }

    @Test
    void sudoWorksWhenCommandsRunAsRootAndFailsForANonRootUserWithoutBecome() {
        assertEquals(Severity.PASS, on(new SudoWorks(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
        Finding v = on(new SudoWorks(), Labs.kv(), "h2", FakeHost.of("h2-2010").answer(FactCommands.ID, "1000\n").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.fix().orElseThrow().contains("become: sudo"), v.fix().toString());
    }

    @Test
    void sudoWantingAPasswordFailsSudoWorksWithTheSessionsMessage() {
        Host ovl = new Host("h2", "198.18.144.12", true, Optional.empty(), Optional.empty(),
                new SshSettings(Optional.of("ovl"), Optional.of(22), List.of(), Optional.empty(), SshSettings.DEFAULTS.hostKeyPolicy(),
                        Become.SUDO, Optional.empty(), SshSettings.DEFAULTS.connectTimeout(), SshSettings.DEFAULTS.commandTimeout()));
        // HostSession throws this (SudoErrors) for every command when sudo -n wants a password.
        HostFacts facts = new FactGatherer(Clock.systemUTC()).gather(cmd -> {
            throw new OvlException(ExitCode.HOST_FAILED, "host h2: sudo needs a password for user ovl; allow passwordless sudo");
        });
        Finding v = on(new SudoWorks(), Labs.kv(List.of(H1, ovl, H3), List.of()), "h2", facts);
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("sudo needs a password"), v.message());
        assertTrue(v.fix().orElseThrow().contains("NOPASSWD"), v.fix().toString());
    }

    @Test
    void kernelVersionPassesFromThreeSixteenOn() {
        assertEquals(Severity.PASS, on(new KernelVersionCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
        for (String ok : List.of("4.2.0-34-generic", "5.15.0-1019-azure", "6.1.0-13-amd64", "3.16.0-4-amd64")) {
            assertEquals(Severity.PASS, on(new KernelVersionCheck(), Labs.kv(), "h2",
                    FakeHost.of("h2-2010").answer(FactCommands.UNAME, ok + "\n").facts()).severity(), ok);
        }
        Finding old = on(new KernelVersionCheck(), Labs.kv(), "h2",
                FakeHost.of("h2-2010").answer(FactCommands.UNAME, "3.10.0-1160.el7.x86_64\n").facts());
        assertEquals(Severity.ERROR, old.severity());
        assertTrue(old.message().contains("3.10.0-1160.el7.x86_64"), old.message());
    }

    @Test
    void kernelVxlanFailsWhenTheDeviceCannotBeCreatedAndSkipsNonOverlayHosts() {
        assertEquals(Severity.PASS, on(new KernelVxlan(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
        Finding v = on(new KernelVxlan(), Labs.kv(), "h2", FakeHost.of("h2-2010")
                .fail(FactCommands.VXLAN, 2, "Error: Unknown device type.\n").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("Unknown device type"), v.message());
        assertEquals(Severity.SKIP, on(new KernelVxlan(), Labs.kv(), "h1", FakeHost.of("h1-2010").facts()).severity());
    }

    @Test
    void dockerVersionReportsTheEngineOrWhyDockerdDoesNotAnswer() {
        Finding ok = on(new DockerVersionCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.PASS, ok.severity());
        assertTrue(ok.message().contains("20.10.24+dfsg1"), ok.message());
        Finding down = on(new DockerVersionCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010").fail(FactCommands.DOCKER_INFO, 1,
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n").facts());
        assertEquals(Severity.ERROR, down.severity());
        assertTrue(down.message().contains("Cannot connect to the Docker daemon"), down.message());
        assertTrue(down.fix().orElseThrow().contains("systemctl start docker"));
        Finding missing = on(new DockerVersionCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010")
                .fail(FactCommands.DOCKER_INFO, 127, "sh: 1: docker: not found\n").facts());
        assertTrue(missing.fix().orElseThrow().contains("install Docker"), missing.fix().toString());
    }

    @Test
    void engine26InKvModeFailsAndPointsToSwarm() {
        Finding v = on(new DockerModeCompat(), Labs.kv(), "h3", FakeHost.of("h3-26").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("26.1.5"), v.message());
        assertTrue(v.fix().orElseThrow().contains("mode: swarm"), v.fix().toString());
        assertEquals(Severity.PASS, on(new DockerModeCompat(), Labs.swarm(List.of(H2, H3)), "h3",
                FakeHost.of("h3-26").facts()).severity());
        assertEquals(Severity.PASS, on(new DockerModeCompat(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
    }

    /** Seen in the lab (ZooKeeperLabIT): dockerd 20.10 panics when a container joins a ZooKeeper-backed overlay. */
    @Test
    void kvModeWithAZooKeeperStoreWarnsThatContainersCannotJoin() {
        Topology kv = Labs.kv();
        Topology zk = new Topology(kv.version(), kv.mode(), kv.ssh(), kv.kvStore().map(k -> io.ovl.topology.KvStore.onHosts(
                io.ovl.topology.KvBackend.ZOOKEEPER, k.hosts())), kv.swarm(), kv.hosts(), kv.networks());
        Finding v = on(new DockerModeCompat(), zk, "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.WARNING, v.severity(), v.message());
        assertTrue(v.message().contains("panics when a container joins"), v.message());
        assertTrue(v.fix().orElseThrow().contains("backend: etcd"), v.fix().toString());
    }

    @Test
    void kvModeOnAnEngineInASwarmFails() {
        HostFacts inSwarm = FakeHost.of("h2-2010").edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json",
                "\"LocalNodeState\":\"inactive\"", "\"LocalNodeState\":\"active\"").facts();
        Finding v = on(new DockerModeCompat(), Labs.kv(), "h2", inSwarm);
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("in a swarm"), v.message());
    }

    @Test
    void daemonJsonHostsClashesWithTheUnitsDashH() {
        Finding v = on(new DockerdConfigConflict(), Labs.swarm(List.of(H2, H3)), "h2", FakeHost.of("h2-2010")
                .answer(FactCommands.DAEMON_JSON, "{\"hosts\": [\"unix:///var/run/docker.sock\"]}\n").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("\"hosts\"") && v.message().contains("-H"), v.message());
    }

    @Test
    void daemonJsonClusterStoreClashesWithOvlsDropInInKvMode() {
        HostFacts facts = FakeHost.of("h2-2010")
                .answer(FactCommands.DAEMON_JSON, "{\"cluster-store\": \"etcd://198.18.144.11:2379\"}").facts();
        Finding kv = on(new DockerdConfigConflict(), Labs.kv(), "h2", facts);
        assertEquals(Severity.ERROR, kv.severity());
        assertTrue(kv.message().contains("--cluster-store"), kv.message());
        // In swarm mode ovl adds no flag, and Engine 20.10 still knows the key: no conflict.
        assertEquals(Severity.PASS, on(new DockerdConfigConflict(), Labs.swarm(List.of(H2, H3)), "h2", facts).severity());
    }

    @Test
    void daemonJsonClusterStoreOnEngine26IsRejectedEvenInSwarmMode() {
        Finding v = on(new DockerdConfigConflict(), Labs.swarm(List.of(H2, H3)), "h3", FakeHost.of("h3-26")
                .answer(FactCommands.DAEMON_JSON, "{\"cluster-store\": \"etcd://198.18.144.11:2379\"}").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("26.1.5+dfsg1 rejects"), v.message());
    }

    @Test
    void harmlessOrMissingDaemonJsonPassesAndBrokenJsonFails() {
        assertEquals(Severity.PASS, on(new DockerdConfigConflict(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
        assertEquals(Severity.PASS, on(new DockerdConfigConflict(), Labs.kv(), "h2", FakeHost.of("h2-2010")
                .answer(FactCommands.DAEMON_JSON, "{\"log-level\": \"info\"}").facts()).severity());
        Finding broken = on(new DockerdConfigConflict(), Labs.kv(), "h2", FakeHost.of("h2-2010")
                .answer(FactCommands.DAEMON_JSON, "{\"log-level\": \"info\",}").facts());
        assertEquals(Severity.ERROR, broken.severity());
        assertTrue(broken.message().contains("line 1"), broken.message());
    }

    @Test
    void dockerdLogWithDiscoveryErrorsOrUnknownFlagFails() throws IOException {
        assertEquals(Severity.PASS, on(new DockerdLogCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
        String discovery = "time=\"2026-11-22T21:03:04.1Z\" level=error msg=\"discovery error: Unexpected watch error\"\n";
        Finding v = on(new DockerdLogCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010")
                .answer(FactCommands.DOCKER_LOG, FakeHost.resource("h2-2010/journal-docker.txt") + discovery).facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.fix().orElseThrow().contains("restart dockerd"), v.fix().toString());
        String unknownFlag;
        try (InputStream in = getClass().getResourceAsStream("/io/ovl/facts/dockerd-26-unknown-flag.stderr.txt")) {
            unknownFlag = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Finding flag = on(new DockerdLogCheck(), Labs.kv(), "h3", FakeHost.of("h3-26")
                .answer(FactCommands.DOCKER_LOG, unknownFlag).facts());
        assertEquals(Severity.ERROR, flag.severity());
        assertTrue(flag.message().contains("unknown flag"), flag.message());
    }
}
