package io.ovl.net;

import static io.ovl.net.NetFixtures.endpoint;
import static io.ovl.net.NetFixtures.overlay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.change.ChangeProgress;
import io.ovl.facts.Fact;
import io.ovl.hosts.OpenHosts;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteShell;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * ls, inspect and rm decisions over per-host readouts built in the test (pure logic, no hosts); the
 * rm placement test runs over FAKE shells scripted per exact command (an unscripted command fails).
 */
class ListingAndRemoveTest {
    private static final OverlayNetwork WEB_ON_H3 = overlay("myoverlay", "id1", "172.16.16.0/24",
            List.of(endpoint("web1", "172.16.16.129/24")));
    private static final OverlayNetwork EMPTY_ON_H2 = overlay("myoverlay", "id1", "172.16.16.0/24", List.of());

    /** kv mode: every overlay host must list every network. */
    private static final List<String> KV_MUST_SEE = List.of("h2", "h3", "h4");
    /** swarm mode with h2 the manager, h3 and h4 workers: only the manager must list it. */
    private static final List<String> SWARM_MUST_SEE = List.of("h2");

    private static NetReadout readout(Map<String, Fact<List<OverlayNetwork>>> networks) {
        return new NetReadout(List.of("h2", "h3", "h4"), networks);
    }

    @Test
    void aNetworkAReadableHostMissesStandsOutAndUnreadableHostsAreNotCountedAsMissing() {
        NetReadout r = readout(Map.of(
                "h2", Fact.known(List.of(EMPTY_ON_H2, overlay("other", "id2", "10.9.0.0/24", List.of()))),
                "h3", Fact.known(List.of(WEB_ON_H3)),
                "h4", Fact.unknown("cannot reach the host: timeout")));
        NetworkListing listing = NetworkListing.of(r, KV_MUST_SEE);

        assertEquals(List.of("myoverlay", "other"), listing.networks().stream().map(NetworkListing.Entry::name).toList());
        NetworkListing.Entry mine = listing.networks().get(0);
        assertEquals(List.of("h2", "h3"), mine.seenOn());
        assertTrue(mine.complete());
        NetworkListing.Entry other = listing.networks().get(1);
        assertEquals(List.of("h3"), other.missingOn());
        assertFalse(other.complete());
        assertEquals(Map.of("h4", "cannot reach the host: timeout"), listing.unreadable());
    }

    @Test
    void inspectMergesEndpointsPerHostAndNoticesTwoNetworksOfOneName() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)), "h3", Fact.known(List.of(WEB_ON_H3)),
                "h4", Fact.known(List.of(overlay("myoverlay", "id9", "172.16.16.0/24", List.of())))));
        MergedNetwork m = MergedNetwork.of("myoverlay", r, KV_MUST_SEE).orElseThrow();

        assertEquals(List.of("h2", "h3", "h4"), m.seenOn());
        assertEquals(List.of(), m.endpoints().get("h2"));
        assertEquals(List.of("web1 on h3"), m.attached());
        assertTrue(m.idsDiffer());
        assertEquals(Optional.empty(), MergedNetwork.of("nope", r, KV_MUST_SEE));
    }

    @Test
    void rmRefusesNamingEveryAttachedContainerAndItsHostUnlessForced() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(overlay("myoverlay", "id1", "172.16.16.0/24",
                List.of(endpoint("db", "172.16.16.130/24"))))), "h3", Fact.known(List.of(WEB_ON_H3)), "h4", Fact.known(List.of())));
        MergedNetwork m = MergedNetwork.of("myoverlay", r, KV_MUST_SEE).orElseThrow();

        String why = NetRemove.refusal(m, false).orElseThrow();
        assertEquals("network myoverlay has 2 attached container(s): db on h2, web1 on h3; stop or disconnect them,"
                + " or pass --force to disconnect them", why);
        assertEquals(Optional.empty(), NetRemove.refusal(m, true));
    }

    @Test
    void rmRefusesWhenAHostCannotBeReadBecauseItMayHaveContainersAttached() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)), "h3", Fact.known(List.of(EMPTY_ON_H2)),
                "h4", Fact.unknown("cannot reach the host: timeout")));
        MergedNetwork m = MergedNetwork.of("myoverlay", r, KV_MUST_SEE).orElseThrow();
        assertTrue(NetRemove.refusal(m, false).orElseThrow().startsWith("cannot tell whether containers are attached on h4"));
        assertEquals(Optional.empty(), NetRemove.refusal(
                MergedNetwork.of("myoverlay", readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)),
                        "h3", Fact.known(List.of()), "h4", Fact.known(List.of()))), KV_MUST_SEE).orElseThrow(), false));
    }

    @Test
    void swarmWorkersThatDoNotListANetworkAreNotMissingButAManagerThatDoesNotIs() {
        NetReadout r = readout(Map.of(
                "h2", Fact.known(List.of(EMPTY_ON_H2)),
                "h3", Fact.known(List.of(WEB_ON_H3, overlay("onworker", "id3", "10.8.0.0/24", List.of()))),
                "h4", Fact.known(List.of())));

        NetworkListing swarm = NetworkListing.of(r, SWARM_MUST_SEE);
        NetworkListing.Entry mine = swarm.networks().get(0);
        assertEquals("myoverlay", mine.name());
        assertEquals(List.of("h2", "h3"), mine.seenOn());
        assertTrue(mine.complete(), mine.toString());
        NetworkListing.Entry onWorker = swarm.networks().get(1);
        assertEquals(List.of("h2"), onWorker.missingOn());
        // The same readout in kv mode: every overlay host must list it.
        assertEquals(List.of("h4"), NetworkListing.of(r, KV_MUST_SEE).networks().get(0).missingOn());
    }

    @Test
    void swarmInspectCountsOnlyManagersAsMissingAndStillShowsWorkerEndpoints() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)), "h3", Fact.known(List.of(WEB_ON_H3)),
                "h4", Fact.known(List.of())));

        MergedNetwork swarm = MergedNetwork.of("myoverlay", r, SWARM_MUST_SEE).orElseThrow();
        assertEquals(List.of(), swarm.missingOn());
        assertEquals(List.of("web1 on h3"), swarm.attached());
        assertEquals(List.of("h4"), MergedNetwork.of("myoverlay", r, KV_MUST_SEE).orElseThrow().missingOn());

        NetReadout workerOnly = readout(Map.of("h2", Fact.known(List.of()), "h3", Fact.known(List.of(WEB_ON_H3)),
                "h4", Fact.known(List.of())));
        assertEquals(List.of("h2"), MergedNetwork.of("myoverlay", workerOnly, SWARM_MUST_SEE).orElseThrow().missingOn());
    }

    /**
     * kv mode after --force: h3's disconnect reaches h2 through the store a moment later, and until
     * then Docker on h2 refuses the rm with "has active endpoints". rm asks again within the wait.
     */
    @Test
    void rmAfterForcedDisconnectsAsksAgainWhileDockerStillCountsTheEndpoint() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)), "h3", Fact.known(List.of(WEB_ON_H3)),
                "h4", Fact.known(List.of(EMPTY_ON_H2))));
        MergedNetwork m = MergedNetwork.of("myoverlay", r, KV_MUST_SEE).orElseThrow();
        FakeRemoteShell h3 = new FakeRemoteShell("h3").on(NetCommands.disconnect("myoverlay", "web1"), "")
                .on(NetCommands.OVERLAY_NAMES, "");
        FakeRemoteShell h4 = new FakeRemoteShell("h4").on(NetCommands.OVERLAY_NAMES, "");
        AtomicInteger rmCalls = new AtomicInteger();
        RemoteShell h2 = command -> {
            if (command.equals(NetCommands.remove("id1"))) {
                boolean stale = rmCalls.incrementAndGet() < 3;
                return new CommandResult("h2", command, stale ? 1 : 0, new byte[0], (stale
                        ? "Error response from daemon: error while removing network: network myoverlay id id1 has active endpoints"
                        : "").getBytes(StandardCharsets.UTF_8));
            }
            return new CommandResult("h2", command, 0, new byte[0], new byte[0]);
        };
        OpenHosts hosts = FakeHostHandle.hosts(List.of("h2", "h3", "h4"), Map.of("h2", h2, "h3", h3, "h4", h4), Map.of());
        NetRemove rm = new NetRemove(hosts, new VisibilityWait(hosts, new ParallelHosts(3), Duration.ofSeconds(30),
                Duration.ofMillis(1), ChangeProgress.NONE), ChangeProgress.NONE);

        NetRemove.Outcome outcome = rm.remove(m, List.of("h2", "h3", "h4"));

        assertEquals("h2", outcome.removedOn());
        assertEquals(List.of("web1 on h3"), outcome.disconnected());
        assertEquals(3, rmCalls.get());
    }

    @Test
    void rmRunsOnAHostThatMayRemoveItNotOnAWorkerThatListsItFirst() {
        // swarm, worker w1 first in topology order and listing it (a container there used it), manager m1 second.
        NetReadout r = new NetReadout(List.of("w1", "m1"), Map.of("w1", Fact.known(List.of(EMPTY_ON_H2)),
                "m1", Fact.known(List.of(EMPTY_ON_H2))));
        MergedNetwork m = MergedNetwork.of("myoverlay", r, List.of("m1")).orElseThrow();
        FakeRemoteShell w1 = new FakeRemoteShell("w1").on(NetCommands.OVERLAY_NAMES, "");
        FakeRemoteShell m1 = new FakeRemoteShell("m1").on(NetCommands.OVERLAY_NAMES, "")
                .on(NetCommands.remove("id1"), "myoverlay\n");
        OpenHosts hosts = FakeHostHandle.hosts(List.of("w1", "m1"), Map.of("w1", w1, "m1", m1), Map.of());
        ParallelHosts parallel = new ParallelHosts(2);
        NetRemove rm = new NetRemove(hosts, new VisibilityWait(hosts, parallel, Duration.ZERO, Duration.ofMillis(1),
                ChangeProgress.NONE), ChangeProgress.NONE);

        NetRemove.Outcome outcome = rm.remove(m, List.of("m1"));

        assertEquals("m1", outcome.removedOn());
        assertEquals(List.of(), outcome.stillOn());
    }
}
