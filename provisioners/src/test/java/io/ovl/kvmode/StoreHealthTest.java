package io.ovl.kvmode;

import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreHealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.topology.KvBackend;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreHealthTest {
    private static final String EP = "198.19.144.11:2379";

    @Test
    void etcdHealthAsCapturedFromTheLabStoreIsHealthy() {
        // etcd-health-200.http: the raw answer of the lab's ovl-kv-etcd to exactly StoreHealth.request(ETCD, ...)
        StoreAnswer a = StoreHealth.interpret(KvBackend.ETCD, EP, bytes(Captured.own("etcd-health-200.http")));
        assertTrue(a.healthy(), a.detail());
        assertEquals(EP, a.endpoint());
    }

    @Test
    void theRequestIsAClosingHttp10Get() {
        assertEquals("GET /health HTTP/1.0\r\nHost: " + EP + "\r\nConnection: close\r\n\r\n",
                new String(StoreHealth.request(KvBackend.ETCD, EP), StandardCharsets.US_ASCII));
    }

    @Test
    void etcdWithoutQuorumIsNotHealthy() {
        StoreAnswer a = StoreHealth.interpret(KvBackend.ETCD, EP,
                bytes("HTTP/1.0 503 Service Unavailable\r\nContent-Length: 18\r\n\r\n{\"health\":\"false\"}"));
        assertFalse(a.healthy());
        assertTrue(a.detail().contains("503"), a.detail());
    }

    @Test
    void nothingBackIsNotHealthy() {
        assertFalse(StoreHealth.interpret(KvBackend.ETCD, EP, new byte[0]).healthy());
    }

    @Test
    void consulNeedsALeader() {
        assertTrue(StoreHealth.interpret(KvBackend.CONSUL, EP,
                bytes("HTTP/1.0 200 OK\r\n\r\n\"10.0.0.1:8300\"")).healthy());
        assertFalse(StoreHealth.interpret(KvBackend.CONSUL, EP, bytes("HTTP/1.0 200 OK\r\n\r\n\"\"")).healthy());
    }

    @Test
    void zookeeperNeedsAMode() {
        assertTrue(StoreHealth.interpret(KvBackend.ZOOKEEPER, EP, bytes("Zookeeper version: 3.8\nMode: standalone\n"))
                .healthy());
        assertFalse(StoreHealth.interpret(KvBackend.ZOOKEEPER, EP,
                bytes("srvr is not executed because it is not in the whitelist.\n")).healthy());
    }

    @Test
    void zookeeperStandaloneAsCapturedFromTheLabStoreIsHealthy() {
        // zookeeper-srvr-standalone.txt: the lab's ovl-kv-zookeeper (Debian's 3.8.0) answering srvr
        StoreAnswer a = StoreHealth.interpret(KvBackend.ZOOKEEPER, "198.18.204.11:2181",
                bytes(Captured.own("zookeeper-srvr-standalone.txt")));
        assertTrue(a.healthy(), a.detail());
        assertEquals("zookeeper Mode: standalone", a.detail());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
