package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.UnparseableOutputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `docker inspect ovl-kv-etcd` of a member ovl init created on a lab host. */
class StoreContainerFactsTest {
    @Test
    void theMembersIdentityImageAndVolumeFromTheCapturedInspect() {
        StoreContainerFacts f = StoreContainerFacts.parse(Resources.text("etcd-3.4-container-inspect.json"));
        assertEquals("ovl-kv-etcd", f.name());
        assertEquals("local/etcd:3.4", f.image());
        assertTrue(f.running());
        assertEquals(new StoreContainerFacts.Mount("ovl-kv-etcd-data", "/etcd-data",
                "/var/lib/docker/volumes/ovl-kv-etcd-data/_data"), f.mountAt("/etcd-data").orElseThrow());

        EtcdIdentity id = EtcdIdentity.ofCommand(f.cmd());
        assertEquals("storeops-h1", id.name());
        assertEquals("/etcd-data", id.dataDir());
        assertEquals("storeops-h1=http://198.19.200.11:2380,storeops-h2=http://198.19.200.12:2380,"
                + "storeops-h3=http://198.19.200.13:2380", id.initialCluster());
        assertEquals("ovl-etcd", id.token());
        assertEquals("http://198.19.200.11:2380", id.peerUrls());
    }

    @Test
    void aCommandWithoutTheClusterFlagsIsNotOvls() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> EtcdIdentity.ofCommand(List.of("/usr/local/bin/etcd", "--name=x")));
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    }
}
