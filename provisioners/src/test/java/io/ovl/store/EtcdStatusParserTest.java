package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.UnparseableOutputException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** etcdctl 3.4's JSON, captured from a three-member store on a lab (lab/up, local/etcd:3.4). */
class EtcdStatusParserTest {
    private final StoreLayout layout = Resources.labEtcd3(Optional.empty());

    @Test
    void threeHealthyMembersOneLeaderTheirSizesAndVersion() {
        List<MemberStatus> members = EtcdStatusParser.combine(layout, Resources.text("etcd-3.4-endpoint-status-3.json"),
                Resources.text("etcd-3.4-endpoint-health-3.json"), "unused");
        assertEquals(List.of("leader", "follower", "follower"), members.stream().map(MemberStatus::role).toList());
        assertTrue(members.stream().allMatch(MemberStatus::healthy));
        assertEquals(List.of(20480L, 24576L, 20480L), members.stream().map(m -> m.sizeBytes().orElseThrow()).toList());
        assertEquals(Optional.of("3.4.23"), members.get(0).version());
        // 12769720040696760916 is above Long.MAX_VALUE: shown in hex as etcdctl's table shows it
        assertTrue(members.get(0).detail().startsWith("member b13728b85aeaca54, raft term 5, healthy, took "),
                members.get(0).detail());
        StoreStatus s = new StoreStatus(layout.backend(), members, Optional.of("storeops-h1"), List.of());
        assertEquals(Optional.of("storeops-h1"), s.leader());
        assertTrue(s.healthy());
    }

    @Test
    void aStoppedMemberIsMissingFromStatusAndUnhealthyInHealth() {
        List<MemberStatus> members = EtcdStatusParser.combine(layout,
                Resources.text("etcd-3.4-endpoint-status-1-down.json"), Resources.text("etcd-3.4-endpoint-health-1-down.json"),
                "Failed to get the status of endpoint http://198.19.200.13:2379 (context deadline exceeded)");
        assertTrue(members.get(0).healthy());
        assertTrue(members.get(1).healthy());
        MemberStatus h3 = members.get(2);
        assertFalse(h3.healthy());
        assertEquals("unknown", h3.role());
        assertEquals("context deadline exceeded", h3.detail());
        StoreStatus s = new StoreStatus(layout.backend(), members, Optional.empty(), List.of());
        assertEquals(Optional.of("storeops-h1"), s.leader());
        assertFalse(s.healthy());
    }

    @Test
    void nothingAnsweredNamesWhyForEveryMember() {
        List<MemberStatus> members = EtcdStatusParser.combine(layout, "", "", "etcdctl on storeops-h1: no answer");
        assertTrue(members.stream().noneMatch(MemberStatus::healthy));
        assertEquals("etcdctl on storeops-h1: no answer", members.get(1).detail());
    }

    @Test
    void memberListGivesNamesByUnsignedId() {
        Map<BigInteger, String> names = EtcdStatusParser.parseMembers(Resources.text("etcd-3.4-member-list-3.json"));
        assertEquals("storeops-h1", names.get(new BigInteger("12769720040696760916")));
        assertEquals(3, names.size());
    }

    @Test
    void notJsonIsUnparseable() {
        assertThrows(UnparseableOutputException.class, () -> EtcdStatusParser.parseStatus("Error: unhealthy cluster"));
        assertThrows(UnparseableOutputException.class, () -> EtcdStatusParser.parseStatus("{}"));
    }
}
