package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.change.ChangeProgress;
import io.ovl.core.ExitCode;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.mode.OverlayMode;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteCommand;
import io.ovl.topology.DockerNetworkCreate;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The create sequence over FAKE shells (scripted per exact command; an unscripted command fails the
 * test), so it checks orchestration only: what runs where and in which case. Real hosts: NetLabIT.
 */
class NetCreateTest {
    private static final NetworkSpec MYOVERLAY = NetworkSpec.of("myoverlay", Prefix.parse("172.16.16.0/24"));
    private static final RemoteCommand CREATE = RemoteCommand.of(DockerNetworkCreate.args(MYOVERLAY));

    private static FakeRemoteShell host(String name, String overlayNames) {
        return new FakeRemoteShell(name)
                .on(NetCommands.NETWORKS, NetFixtures.resource("docker-network-inspect-all.json"))
                .on(NetCommands.IP_ADDR, "[]")
                .on(NetCommands.IP_ROUTE, NetFixtures.resource("ip-route.json"))
                .on(HostNetFacts.IP6_ROUTE, "[]")
                .on(NetCommands.OVERLAY_NAMES, overlayNames);
    }

    private static NetCreate create(OpenHosts hosts) {
        ParallelHosts parallel = new ParallelHosts(4);
        return new NetCreate(hosts, parallel, new VisibilityWait(hosts, parallel, Duration.ZERO, Duration.ofMillis(1),
                ChangeProgress.NONE), ChangeProgress.NONE);
    }

    @Test
    void createsOnceOnTheFirstReachedCandidateAndReportsWhoSeesIt() {
        FakeRemoteShell h2 = host("h2", "myoverlay\n");
        FakeRemoteShell h3 = host("h3", "myoverlay\n").on(CREATE, "f00d\n");
        FakeRemoteShell h4 = host("h4", "");
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3", "h4"), Map.of("h2", h2, "h3", h3, "h4", h4), Map.of());

        CreateReport r = create(hosts).create(MYOVERLAY, List.of("h3", "h2"), List.of("h2", "h3", "h4"));

        assertEquals(Optional.of("h3"), r.createdOn());
        assertEquals(List.of("h2", "h3"), r.seenOn());
        assertEquals(List.of("h4"), r.missingOn());
        assertEquals(ExitCode.HOST_FAILED, r.exitCode());
        assertEquals(1, h3.calls().stream().filter(CREATE::equals).count());
        assertFalse(h2.calls().contains(CREATE));
    }

    /** FAKE shells: interrupted before the create, nothing is created and the report says so (exit 130). */
    @Test
    void interruptedBeforeTheCreateCreatesNothing() {
        FakeRemoteShell h2 = host("h2", "");
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2"), Map.of("h2", h2), Map.of());
        io.ovl.hosts.Interruption interruption = new io.ovl.hosts.Interruption();
        interruption.request();

        CreateReport r = create(hosts).create(MYOVERLAY, List.of("h2"), List.of("h2"), interruption);

        assertEquals(ExitCode.INTERRUPTED, r.exitCode());
        assertEquals(Optional.empty(), r.createdOn());
        assertTrue(r.error().orElseThrow().contains("nothing was changed"), r.toString());
        assertFalse(h2.calls().contains(CREATE));
    }

    /** FAKE shells: interrupted while the create is in flight, it finishes and is reported, the wait is skipped. */
    @Test
    void interruptedDuringTheCreateReportsWhereItWasCreated() {
        io.ovl.hosts.Interruption interruption = new io.ovl.hosts.Interruption();
        FakeRemoteShell h3 = host("h3", "myoverlay\n").on(CREATE, "f00d\n");
        FakeRemoteShell h2 = host("h2", "");
        io.ovl.ssh.RemoteShell around = c -> {
            if (c.equals(CREATE)) {
                interruption.request();
            }
            return h3.run(c);
        };
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3"), Map.of("h2", h2, "h3", around), Map.of());

        CreateReport r = create(hosts).create(MYOVERLAY, List.of("h3"), List.of("h2", "h3"), interruption);

        assertEquals(Optional.of("h3"), r.createdOn());
        assertEquals(List.of("h2", "h3"), r.missingOn(), "not confirmed anywhere: the wait was skipped");
        assertEquals(ExitCode.INTERRUPTED, r.exitCode());
        assertFalse(h2.calls().contains(NetCommands.OVERLAY_NAMES));
    }

    @Test
    void aRefusedCheckChangesNothingAnywhere() {
        NetworkSpec clash = NetworkSpec.of("clash", Prefix.parse("10.123.4.0/24"));
        FakeRemoteShell h2 = host("h2", "");
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2"), Map.of("h2", h2), Map.of());

        CreateReport r = create(hosts).create(clash, List.of("h2"), List.of("h2"));

        assertEquals(ExitCode.CHECKS_FAILED, r.exitCode());
        assertTrue(h2.calls().stream().noneMatch(c -> c.argv().contains("create")), h2.calls().toString());
    }

    @Test
    void dockersRefusalIsReportedWithItsWords() {
        FakeRemoteShell h2 = host("h2", "").on(CREATE, 1, "", "Error response from daemon: pool overlaps\n");
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2"), Map.of("h2", h2), Map.of());

        CreateReport r = create(hosts).create(MYOVERLAY, List.of("h2"), List.of("h2"));

        assertEquals(ExitCode.HOST_FAILED, r.exitCode());
        assertEquals(Optional.of("host h2: docker network create myoverlay: Error response from daemon: pool overlaps"), r.error());
    }

    @Test
    void kvCreatesOnAnyOverlayHostSwarmOnlyOnManagersAndAttachableByDefault() {
        Host store = new Host("store", "198.18.0.10", false, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS);
        List<Host> hosts = List.of(store, role("m1", SwarmRole.MANAGER), role("w1", SwarmRole.WORKER), role("m2", SwarmRole.MANAGER));
        Topology kv = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("store"))),
                Optional.empty(), hosts, List.of());
        assertEquals(List.of("m1", "w1", "m2"), OverlayMode.of(kv).placement().candidates(kv));
        assertFalse(OverlayMode.of(kv).placement().attachableByDefault());

        Topology swarm = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(), hosts, List.of());
        assertEquals(List.of("m1", "m2"), OverlayMode.of(swarm).placement().candidates(swarm));
        assertEquals(List.of("m1", "m2"), OverlayMode.of(swarm).placement().mustSee(swarm));
        assertEquals(List.of("m1", "w1", "m2"), OverlayMode.of(kv).placement().mustSee(kv));
        assertTrue(OverlayMode.of(swarm).placement().attachableByDefault());
    }

    private static Host role(String name, SwarmRole role) {
        return new Host(name, name + ".example", true, Optional.empty(), Optional.of(role), SshSettings.DEFAULTS);
    }
}
