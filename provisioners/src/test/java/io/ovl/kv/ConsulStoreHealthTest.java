package io.ovl.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.topology.KvBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StoreHealth for Consul against answers in the shape Consul's HTTP API documents for
 * {@code GET /v1/status/leader} (io/ovl/kvmode/consul-status-leader-documented.txt): written by
 * hand, NOT captured, since no Consul can run here. etcd and ZooKeeper are tested against real
 * stores in the lab (StoreHealthTest, ZooKeeperLabIT).
 */
class ConsulStoreHealthTest {
    private static final String EP = "198.18.0.10:8500";
    private static final Map<String, String> DOCUMENTED = sections("/io/ovl/kvmode/consul-status-leader-documented.txt");

    @Test
    void theRequestIsAClosingHttp10GetOfTheRaftLeader() {
        assertEquals("GET /v1/status/leader HTTP/1.0\r\nHost: " + EP + "\r\nConnection: close\r\n\r\n",
                new String(StoreHealth.request(KvBackend.CONSUL, EP), StandardCharsets.US_ASCII));
    }

    @Test
    void aNamedLeaderIsHealthyAndNamedInTheDetail() {
        StoreAnswer a = StoreHealth.interpret(KvBackend.CONSUL, EP, bytes(DOCUMENTED.get("leader")));
        assertTrue(a.healthy(), a.detail());
        assertEquals("consul leader \"10.1.10.12:8300\"", a.detail());
        assertEquals(EP, a.endpoint());
        assertTrue(StoreHealth.interpret(KvBackend.CONSUL, EP, bytes(DOCUMENTED.get("leader-ipv6"))).healthy());
    }

    @Test
    void anEmptyLeaderIsNoQuorum() {
        StoreAnswer a = StoreHealth.interpret(KvBackend.CONSUL, EP, bytes(DOCUMENTED.get("no-leader")));
        assertFalse(a.healthy());
        assertEquals("consul has no leader yet: HTTP/1.0 200 OK \"\"", a.detail());
    }

    @Test
    void anRpcErrorIsNotHealthyAndItsTextIsShown() {
        StoreAnswer a = StoreHealth.interpret(KvBackend.CONSUL, EP, bytes(DOCUMENTED.get("rpc-error")));
        assertFalse(a.healthy());
        assertTrue(a.detail().contains("500") && a.detail().contains("No cluster leader"), a.detail());
    }

    @Test
    void nothingBackIsNotHealthy() {
        StoreAnswer a = StoreHealth.interpret(KvBackend.CONSUL, EP, new byte[0]);
        assertFalse(a.healthy());
        assertTrue(a.detail().contains("nothing (connection closed)"), a.detail());
    }

    /** "--- NAME" sections of the resource, lines joined with CRLF; '#' lines before the first are comments. */
    private static Map<String, String> sections(String path) {
        String text;
        try (InputStream in = ConsulStoreHealthTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("--- ")) {
                if (name != null) {
                    out.put(name, body.toString());
                }
                name = line.substring(4).strip();
                body.setLength(0);
            } else if (name != null) {
                body.append(body.isEmpty() ? "" : "\r\n").append(line);
            }
        }
        if (name != null) {
            out.put(name, body.toString().stripTrailing());
        }
        out.replaceAll((k, v) -> v.stripTrailing());
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
