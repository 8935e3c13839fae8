package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.topology.KvBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A RECORDED answer, not a captured one: the table below is written by hand in the shape Consul's
 * documentation shows for {@code consul operator raft list-peers}; no Consul ran here.
 */
class ConsulPeersTest {
    private static final String DOCUMENTED = """
            Node     ID                                    Address          State     Voter  RaftProtocol
            ks1      e35bde83-4e9c-434f-a6ef-453f44ee21ea  198.18.0.11:8300  follower  true   3
            ks2      a2a1a3c1-8f5a-4b1e-9e9a-2b1c2d3e4f50  198.18.0.12:8300  leader    true   3
            ks3      f1d2c3b4-1111-2222-3333-444455556666  198.18.0.13:8300  follower  false  3
            """;

    private static StoreLayout layout() {
        return new StoreLayout(KvBackend.CONSUL, List.of(member("ks1", "198.18.0.11"), member("ks2", "198.18.0.12"),
                member("ks3", "198.18.0.13")), 8500, Optional.empty(), "network");
    }

    private static StoreLayout.Member member(String h, String a) {
        return new StoreLayout.Member(h, a, 8500, "ovl-kv-consul", List.of("agent"), Map.of("ovl-kv-consul-data",
                "/consul/data"));
    }

    @Test
    void rolesAndVotersFromTheTable() {
        List<MemberStatus> m = ConsulPeers.combine(layout(), DOCUMENTED, "unused");
        assertEquals(List.of("follower", "leader", "follower"), m.stream().map(MemberStatus::role).toList());
        assertTrue(m.get(0).healthy() && m.get(1).healthy());
        assertFalse(m.get(2).healthy(), "not a voter");
        assertEquals(Optional.empty(), m.get(0).sizeBytes());
    }

    @Test
    void noTableSaysWhy() {
        List<MemberStatus> m = ConsulPeers.combine(layout(), "", "consul on ks1: Error getting peers: No cluster leader");
        assertTrue(m.stream().noneMatch(MemberStatus::healthy));
        assertEquals("consul on ks1: Error getting peers: No cluster leader", m.get(0).detail());
    }
}
