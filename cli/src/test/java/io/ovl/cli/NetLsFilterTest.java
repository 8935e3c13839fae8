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
            new NetworkListing.Entry("backend", "global", Map.of("tier", "db", "team", "a"), List.of("172.16.16.0/24"),
                    List.of("h2", "h3"), List.of()),
            new NetworkListing.Entry("frontend", "swarm", Map.of("tier", "web"), List.of("172.16.17.0/24"), List.of("h2"),
                    List.of("h3"))), Map.of());

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
    void labelMatchesAKeyOrAKeyWithItsValueAndScopeMatchesDockersScope() {
        assertEquals("backend\nfrontend\n", NetLsFilter.names(NetLsFilter.parse(List.of("label=tier")).apply(LISTING)));
        assertEquals("frontend\n", NetLsFilter.names(NetLsFilter.parse(List.of("label=tier=web")).apply(LISTING)));
        assertEquals("", NetLsFilter.names(NetLsFilter.parse(List.of("label=tier=we")).apply(LISTING)));
        assertEquals("backend\n", NetLsFilter.names(NetLsFilter.parse(List.of("label=team", "scope=global")).apply(LISTING)));
        assertEquals("frontend\n", NetLsFilter.names(NetLsFilter.parse(List.of("scope=swarm")).apply(LISTING)));
        assertEquals("backend global team=a,tier=db\n",
                NetLsFilter.formatted(NetLsFilter.parse(List.of("name=back")).apply(LISTING), "{{.Name}} {{.Scope}} {{.Labels}}"));
    }

    @Test
    void anUnknownFilterIsAUsageErrorNamingWhatWorks() {
        OvlException e = assertThrows(OvlException.class, () -> NetLsFilter.parse(List.of("id=abc")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("label=KEY[=VALUE] and scope=swarm|global|local (docker's id filter is not"
                + " supported)"), e.getMessage());
        OvlException scope = assertThrows(OvlException.class, () -> NetLsFilter.parse(List.of("scope=planet")));
        assertTrue(scope.getMessage().contains("scope is swarm, global or local"), scope.getMessage());
        assertThrows(OvlException.class, () -> NetLsFilter.parse(List.of("label=")));
    }
}
