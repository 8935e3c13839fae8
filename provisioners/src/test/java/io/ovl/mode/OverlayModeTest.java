package io.ovl.mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.FactCommands;
import io.ovl.hosts.HostHandle;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What each mode decides before and around a run. Pure logic; where hosts are involved they are
 * FAKE handles over scripted shells that record what they were asked.
 */
class OverlayModeTest {
    private static final Host STORE = new Host("store", "198.18.0.10", false, Optional.empty(), Optional.empty(),
            SshSettings.DEFAULTS);
    private static final List<Host> HOSTS = List.of(STORE, role("m1", SwarmRole.MANAGER), role("w1", SwarmRole.WORKER));
    private static final Topology KV = new Topology(1, Mode.KV, SshSettings.DEFAULTS,
            Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("store"))), Optional.empty(), HOSTS, List.of());
    private static final Topology SWARM = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
            Optional.empty(), HOSTS, List.of());

    @Test
    void kvRefusesForceAndSwarmRefusesPurgeBeforeAnyHostIsContacted() {
        OvlException force = assertThrows(OvlException.class,
                () -> OverlayMode.of(KV).refuseBeforeContact(new ChangeOptions(true, false, false)));
        assertEquals(ExitCode.USAGE, force.exitCode());
        assertEquals("--force applies to mode: swarm only; this topology is mode: kv", force.getMessage());

        OvlException purge = assertThrows(OvlException.class,
                () -> OverlayMode.of(SWARM).refuseBeforeContact(new ChangeOptions(false, true, false)));
        assertEquals(ExitCode.USAGE, purge.exitCode());
        assertTrue(purge.getMessage().startsWith("--purge applies to mode: kv only"), purge.getMessage());

        OverlayMode.of(SWARM).refuseBeforeContact(new ChangeOptions(true, false, true));
        OverlayMode.of(KV).refuseBeforeContact(new ChangeOptions(false, true, true));
    }

    @Test
    void kvOpensTheStoreHostTooSwarmOnlyTheOverlayHosts() {
        assertEquals(List.of("store", "m1", "w1"), OverlayMode.of(KV).hostsToOpen().stream().map(Host::name).toList());
        assertEquals(List.of("m1", "w1"), OverlayMode.of(SWARM).hostsToOpen().stream().map(Host::name).toList());
    }

    @Test
    void swarmChecksAHostOutsideTheOverlayOverAHandleOfItsOwn() {
        OpenHosts open = FakeHostHandle.hosts(List.of("m1", "w1"), Map.of("m1", new FakeRemoteShell("m1"),
                "w1", new FakeRemoteShell("w1")), Map.of());
        HostHandle outside = FakeHostHandle.hosts(List.of("store"), Map.of("store", new FakeRemoteShell("store")),
                Map.of()).lend("store");
        Function<Host, HostHandle> handles = OverlayMode.of(SWARM).preflightHandles(open, h -> outside);

        assertSame(outside, handles.apply(STORE));
        assertSame(open.lend("m1"), handles.apply(HOSTS.get(1)));
    }

    @Test
    void kvNeedsAClusterStoreBeforeANetCommandSwarmAsksNothing() {
        FakeRemoteShell m1 = new FakeRemoteShell("m1").on(FactCommands.DOCKER_INFO, resource("/io/ovl/facts/docker-info-20.10.json"));
        OpenHosts kvHosts = FakeHostHandle.hosts(List.of("m1"), Map.of("m1", m1), Map.of());
        OvlException e = assertThrows(OvlException.class,
                () -> OverlayMode.of(KV).requireReady(kvHosts, new ParallelHosts(1)));
        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertEquals("m1: dockerd has no cluster store; run `ovl init` first", e.getMessage());

        FakeRemoteShell quiet = new FakeRemoteShell("m1");
        OverlayMode.of(SWARM).requireReady(FakeHostHandle.hosts(List.of("m1"), Map.of("m1", quiet), Map.of()),
                new ParallelHosts(1));
        assertEquals(List.of(), quiet.calls());
    }

    @Test
    void onlySwarmIsAMigrationTarget() {
        OvlException e = assertThrows(OvlException.class,
                () -> OverlayMode.of(KV).requireMigrationTarget(Path.of("kv.yaml")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("kv.yaml: ovl migrate takes the topology to migrate to, with mode: swarm"),
                e.getMessage());
        OverlayMode.of(SWARM).requireMigrationTarget(Path.of("swarm.yaml"));
    }

    @Test
    void kvPlacesNetworksOnAnyOverlayHostSwarmOnManagers() {
        assertEquals(List.of("m1", "w1"), OverlayMode.of(KV).placement().candidates(KV));
        assertEquals(List.of("m1"), OverlayMode.of(SWARM).placement().candidates(SWARM));
    }

    /** A real dockerd 20.10's {@code docker info}, captured (no cluster store). */
    private static String resource(String path) {
        try (InputStream in = OverlayModeTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Host role(String name, SwarmRole role) {
        return new Host(name, name + ".example", true, Optional.empty(), Optional.of(role), SshSettings.DEFAULTS);
    }
}
