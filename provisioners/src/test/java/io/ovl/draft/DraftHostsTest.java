package io.ovl.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.doctor.GatheredHost;
import io.ovl.doctor.HostFacts;
import io.ovl.topology.Become;
import io.ovl.topology.Host;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hosts as ovl reaches them, and which gathered hosts a draft cannot use (pure; FAKE facts, no host contacted). */
class DraftHostsTest {
    private static final DraftSsh SSH = new DraftSsh(Optional.of("ovl"), Optional.of(2222),
            List.of(Path.of("/keys/id")), Optional.of(Path.of("/keys/known_hosts")), Become.SUDO);

    @Test
    void eachHostIsReachedWithTheDefaultsAndItsOwnUserAndPort() {
        Topology t = DraftHosts.reachable(List.of(HostArgument.parse("198.18.0.11"), HostArgument.parse("root@h2:22")), SSH);
        assertEquals(Mode.SWARM, t.mode());
        Host h1 = t.hosts().get(0);
        assertEquals("198.18.0.11", h1.name());
        assertEquals(Optional.of("ovl"), h1.ssh().user());
        assertEquals(Optional.of(2222), h1.ssh().port());
        assertEquals(Become.SUDO, h1.ssh().become());
        assertEquals(Optional.of(Path.of("/keys/known_hosts")), h1.ssh().knownHosts());
        Host h2 = t.hosts().get(1);
        assertEquals("h2", h2.address());
        assertEquals(Optional.of("root"), h2.ssh().user());
        assertEquals(Optional.of(22), h2.ssh().port());
        assertEquals(List.of(Path.of("/keys/id")), h2.ssh().identityFiles());
    }

    @Test
    void aHostGivenTwiceIsAUsageError() {
        OvlException e = assertThrows(OvlException.class, () -> DraftHosts.reachable(
                List.of(HostArgument.parse("h1"), HostArgument.parse("h1")), SSH));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void aHostNotReachedOrWhereNothingRanCannotBeDraftedFrom() {
        Host h = Host.of("h1", "198.18.0.11");
        assertEquals(Optional.of("host h1: connect to 198.18.0.11:22: refused"),
                DraftHosts.unusable(GatheredHost.unreachable(h, "host h1: connect to 198.18.0.11:22: refused")));
        assertEquals(Optional.of("host h1: reached, but no command ran: sudo: a password is required"),
                DraftHosts.unusable(GatheredHost.reached(h, HostFacts.nothingKnown("sudo: a password is required"))));
        assertEquals(Optional.empty(), DraftHosts.unusable(GatheredHost.reached(h, FakeFacts.captured("h1-2010").facts())));
    }
}
