package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** mntr and srvr of a standalone server, captured from local/zookeeper:3.8 (Debian's ZooKeeper 3.8.0) on a lab. */
class ZkAnswerTest {
    @Test
    void mntrGivesRoleVersionAndDataSize() {
        MemberStatus m = ZkAnswer.status("h1", "198.19.40.11:2181",
                Resources.text("zookeeper-3.8-mntr-standalone.txt"), "");
        assertTrue(m.healthy());
        assertEquals("standalone", m.role());
        assertTrue(m.leader());
        assertEquals(Optional.of("3.8.0"), m.version());
        assertEquals(Optional.of(2848L), m.sizeBytes());
        assertEquals("zk_znode_count 28", m.detail());
    }

    @Test
    void srvrWhenMntrIsNotAllowed() {
        MemberStatus m = ZkAnswer.status("h1", "198.19.40.11:2181",
                "mntr is not executed because it is not in the whitelist.\n",
                Resources.text("zookeeper-3.8-srvr-standalone.txt"));
        assertTrue(m.healthy());
        assertEquals("standalone", m.role());
        assertEquals(Optional.of("3.8.0"), m.version());
        assertEquals(Optional.empty(), m.sizeBytes());
        assertTrue(m.detail().startsWith("node count 28 (srvr; mntr said: mntr is not executed"), m.detail());
    }

    @Test
    void aServerWithoutQuorumIsUnhealthyAndSaysSo() {
        // ZooKeeperLabIT saw this answer from a server whose two peers were stopped.
        String notServing = "This ZooKeeper instance is not currently serving requests\n";
        MemberStatus m = ZkAnswer.status("h1", "198.19.40.11:2181", notServing, notServing);
        assertFalse(m.healthy());
        assertEquals("This ZooKeeper instance is not currently serving requests", m.detail());
        assertEquals("no answer (connection closed)", ZkAnswer.status("h1", "e", "", "").detail());
    }
}
