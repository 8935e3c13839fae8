package io.ovl.kvmode;

import static io.ovl.kvmode.Captured.H1;
import static io.ovl.kvmode.Captured.H2;
import static io.ovl.kvmode.Captured.H3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.topology.HostSubset;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * kv init and reset cut down to a few hosts, over plans made from captured host states
 * ({@link Captured}; pure logic, no host). h1 is the store host, h2 and h3 overlay hosts.
 */
class KvSubsetTest {
    private final Topology topology = Captured.labTopology();

    @Test
    void initOnOneHostChangesOnlyItAndSaysWhatTheOthersWouldGet() {
        Plan full = new Planner().plan(topology, List.of(Captured.storeHostRunning(), Captured.fresh(H2), Captured.fresh(H3)));

        Plan onH3 = KvSubset.init(full, subset(H3));

        // The captured fresh hosts cannot reach the store: h2's problem no longer stops a run on h3.
        assertEquals(Set.of(H2, H3), Set.copyOf(full.blockers().stream().map(Finding::host).toList()));
        assertEquals(Set.of(H3), Set.copyOf(onH3.blockers().stream().map(Finding::host).toList()));
        HostPlan h2 = host(onH3, H2);
        assertFalse(h2.changesSomething());
        assertTrue(h2.why().startsWith("outside --hosts: left as is (would: "), h2.why());
        assertTrue(KvSubset.leftUnjoined(h2));
        assertTrue(host(onH3, H3).restartDocker());
        assertEquals(List.of(Optional.of(H3)), onH3.networks().stream().map(n -> n.createOn()).toList());
    }

    @Test
    void aStoreThatIsNotRunningOnAHostOutsideTheSubsetStopsInit() {
        Plan full = new Planner().plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));

        Plan onH2 = KvSubset.init(full, subset(H2));

        assertEquals(List.of("store.outside-hosts"), onH2.blockers().stream().map(Finding::subject).toList());
        assertEquals(H1, onH2.blockers().get(0).host());
    }

    @Test
    void everyHostIsThePlanItself() {
        Plan full = new Planner().plan(topology, List.of(Captured.storeHostFresh(), Captured.fresh(H2), Captured.fresh(H3)));
        assertEquals(full, KvSubset.init(full, HostSubset.everyHost()));
    }

    @Test
    void resetOfTheStoreHostAloneIsRefusedTheOthersKeepTheStore() {
        ResetPlan full = new ResetPlan(List.of(), List.of(new ResetPlan.StoreRemoval(H1, "ovl-etcd", true, List.of())),
                List.of());

        assertEquals(List.of("store.in-use"), KvSubset.reset(full, subset(H1)).blockers().stream().map(Finding::subject).toList());
        ResetPlan onH2 = KvSubset.reset(full, subset(H2));
        assertEquals(List.of(), onH2.blockers());
        assertEquals(List.of(), onH2.store());
    }

    @Test
    void hostsNamesAreCheckedAgainstTheTopology() {
        assertEquals(HostSubset.everyHost(), HostSubset.of(topology, List.of()));
        assertEquals(HostSubset.everyHost(), HostSubset.of(topology, List.of(H1, H2, H3)));
        assertEquals(Set.of(H2), HostSubset.of(topology, List.of(H2)).names());
        OvlException e = org.junit.jupiter.api.Assertions.assertThrows(OvlException.class,
                (Executable) () -> HostSubset.of(topology, List.of(H2, "nope", "h9")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("--hosts: no host named nope, h9 in the topology; its hosts are " + H1 + ", " + H2 + ", " + H3,
                e.getMessage());
    }

    private static HostSubset subset(String... names) {
        return new HostSubset(Set.of(names), false);
    }

    private static HostPlan host(Plan plan, String name) {
        return plan.hosts().stream().filter(h -> h.host().equals(name)).findFirst().orElseThrow();
    }
}
