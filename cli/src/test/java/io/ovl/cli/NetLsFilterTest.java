package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.net.NetworkListing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** net ls's docker-spelled flags over a listing written by hand (pure logic). */
class NetLsFilterTest {
    private static final NetworkListing LISTING = new NetworkListing(List.of(
            new NetworkListing.Entry("backend", List.of("172.16.16.0/24"), List.of("h2", "h3"), List.of()),
            new NetworkListing.Entry("frontend", List.of("172.16.17.0/24"), List.of("h2"), List.of("h3"))), Map.of());

    @Test
    void nameMatchesPartOfTheNameAndFiltersCombine() {
        assertEquals("frontend\n", NetLsFilter.names(NetLsFilter.parse(List.of("name=front")).apply(LISTING)));
        assertEquals("backend\nfrontend\n", NetLsFilter.names(NetLsFilter.parse(List.of("name=end", "driver=overlay"))
                .apply(LISTING)));
        assertEquals("", NetLsFilter.names(NetLsFilter.parse(List.of("driver=bridge")).apply(LISTING)));
    }

    @Test
    void formatFillsDockersFields() {
        assertEquals("backend\toverlay\t172.16.16.0/24\th2,h3\t\nfrontend\toverlay\t172.16.17.0/24\th2\th3\n",
                NetLsFilter.formatted(LISTING, "{{.Name}}\\t{{.Driver}}\\t{{.Subnet}}\\t{{.Hosts}}\\t{{.Missing}}"));
    }

    @Test
    void anUnknownFilterIsAUsageErrorNamingWhatWorks() {
        OvlException e = assertThrows(OvlException.class, () -> NetLsFilter.parse(List.of("label=tier")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("name=TEXT and driver=overlay (docker's label filter is not supported yet)"),
                e.getMessage());
    }
}
