package io.ovl.net;

import static io.ovl.net.NetFixtures.endpoint;
import static io.ovl.net.NetFixtures.overlay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.doctor.Fact;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ls, inspect and rm decisions over per-host readouts built in the test (pure logic, no hosts). */
class ListingAndRemoveTest {
    private static final OverlayNetwork WEB_ON_H3 = overlay("myoverlay", "id1", "172.16.16.0/24",
            List.of(endpoint("web1", "172.16.16.129/24")));
    private static final OverlayNetwork EMPTY_ON_H2 = overlay("myoverlay", "id1", "172.16.16.0/24", List.of());

    private static NetReadout readout(Map<String, Fact<List<OverlayNetwork>>> networks) {
        return new NetReadout(List.of("h2", "h3", "h4"), networks);
    }

    @Test
    void aNetworkAReadableHostMissesStandsOutAndUnreadableHostsAreNotCountedAsMissing() {
        NetReadout r = readout(Map.of(
                "h2", Fact.known(List.of(EMPTY_ON_H2, overlay("other", "id2", "10.9.0.0/24", List.of()))),
                "h3", Fact.known(List.of(WEB_ON_H3)),
                "h4", Fact.unknown("cannot reach the host: timeout")));
        NetworkListing listing = NetworkListing.of(r);

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
        MergedNetwork m = MergedNetwork.of("myoverlay", r).orElseThrow();

        assertEquals(List.of("h2", "h3", "h4"), m.seenOn());
        assertEquals(List.of(), m.endpoints().get("h2"));
        assertEquals(List.of("web1 on h3"), m.attached());
        assertTrue(m.idsDiffer());
        assertEquals(Optional.empty(), MergedNetwork.of("nope", r));
    }

    @Test
    void rmRefusesNamingEveryAttachedContainerAndItsHostUnlessForced() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(overlay("myoverlay", "id1", "172.16.16.0/24",
                List.of(endpoint("db", "172.16.16.130/24"))))), "h3", Fact.known(List.of(WEB_ON_H3)), "h4", Fact.known(List.of())));
        MergedNetwork m = MergedNetwork.of("myoverlay", r).orElseThrow();

        String why = NetRemove.refusal(m, false).orElseThrow();
        assertEquals("network myoverlay has 2 attached container(s): db on h2, web1 on h3; stop or disconnect them,"
                + " or pass --force to disconnect them", why);
        assertEquals(Optional.empty(), NetRemove.refusal(m, true));
    }

    @Test
    void rmRefusesWhenAHostCannotBeReadBecauseItMayHaveContainersAttached() {
        NetReadout r = readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)), "h3", Fact.known(List.of(EMPTY_ON_H2)),
                "h4", Fact.unknown("cannot reach the host: timeout")));
        MergedNetwork m = MergedNetwork.of("myoverlay", r).orElseThrow();
        assertTrue(NetRemove.refusal(m, false).orElseThrow().startsWith("cannot tell whether containers are attached on h4"));
        assertEquals(Optional.empty(), NetRemove.refusal(
                MergedNetwork.of("myoverlay", readout(Map.of("h2", Fact.known(List.of(EMPTY_ON_H2)),
                        "h3", Fact.known(List.of()), "h4", Fact.known(List.of())))).orElseThrow(), false));
    }
}
