package io.ovl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.facts.UnparseableOutputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The v2 keyspace dockerd 20.10 wrote for one overlay network on three hosts, captured from the lab's etcd. */
class V2KeysTest {
    private final String dump = Resources.text("etcd-3.4-v2-keys-recursive.json");

    @Test
    void everyKeyButDockerdsTtlRegistrations() {
        List<V2Keys.Entry> entries = V2Keys.entries(dump);
        assertEquals(9, entries.size(), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.key().startsWith("/network/docker/network/v1.0/network/")
                && e.value().orElseThrow().contains("\"name\":\"labnet\"")), entries.toString());
        assertTrue(entries.stream().noneMatch(e -> e.key().startsWith("/network/docker/nodes/")), entries.toString());
        assertEquals(3, V2Keys.ephemeral(dump));
    }

    @Test
    void anEmptyDirectoryIsKeptAndTtlKeysAreLeftOut() {
        String json = "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/a\",\"dir\":true,\"nodes\":["
                + "{\"key\":\"/a/empty\",\"dir\":true},{\"key\":\"/a/v\",\"value\":\"x y\"},"
                + "{\"key\":\"/a/t\",\"value\":\"1\",\"ttl\":30}]}]}}";
        assertEquals(List.of(new V2Keys.Entry("/a/empty", Optional.empty()), new V2Keys.Entry("/a/v", Optional.of("x y"))),
                V2Keys.entries(json));
        assertEquals(1, V2Keys.ephemeral(json));
    }

    @Test
    void anEmptyDirectoryThatExistsAlreadyIsWrittenAndMayHaveGainedKeysWhenReadBack() {
        V2Keys.Entry dir = new V2Keys.Entry("/n/endpoint/net1", Optional.empty());
        V2Keys.Entry value = new V2Keys.Entry("/n/network/net1", Optional.of("{}"));
        // etcd 3.4's answer to PUT dir=true on a directory that exists (a running dockerd made it first).
        String exists = "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/n/endpoint/net1\",\"index\":22}";
        assertTrue(V2Keys.written(dir, 403, exists));
        assertFalse(V2Keys.written(value, 403, exists), "a value on a directory is not in place");
        assertFalse(V2Keys.written(dir, 403, "{\"errorCode\":104,\"message\":\"Not a directory\"}"));
        assertTrue(V2Keys.written(value, 201, ""));

        String back = "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/n\",\"dir\":true,\"nodes\":["
                + "{\"key\":\"/n/endpoint\",\"dir\":true,\"nodes\":[{\"key\":\"/n/endpoint/net1\",\"dir\":true,\"nodes\":["
                + "{\"key\":\"/n/endpoint/net1/ep\",\"value\":\"x\"}]}]},"
                + "{\"key\":\"/n/network\",\"dir\":true,\"nodes\":[{\"key\":\"/n/network/net1\",\"value\":\"{}\"}]}]}]}}";
        assertEquals(List.of(), V2Keys.missing(List.of(dir, value), back));
        V2Keys.Entry gone = new V2Keys.Entry("/n/other", Optional.empty());
        V2Keys.Entry changed = new V2Keys.Entry("/n/network/net1", Optional.of("{\"x\":1}"));
        assertEquals(List.of(gone, changed), V2Keys.missing(List.of(dir, gone, changed), back));
    }

    @Test
    void anEmptyStoreHasNoKeys() {
        assertEquals(List.of(), V2Keys.entries("{\"action\":\"get\",\"node\":{\"dir\":true}}"));
    }

    @Test
    void anErrorAnswerIsUnparseable() {
        assertThrows(UnparseableOutputException.class,
                () -> V2Keys.entries("{\"errorCode\":100,\"message\":\"Key not found\"}"));
    }

    @Test
    void putIsAFormEncodedHttp10Request() {
        String req = new String(V2Keys.putRequest(new V2Keys.Entry("/network/docker/nodes/198.19.200.11:2376",
                Optional.of("{\"a\":\"b c\"}")), "198.19.200.11:2379"), StandardCharsets.UTF_8);
        assertEquals("PUT /v2/keys/network/docker/nodes/198.19.200.11%3A2376 HTTP/1.0\r\nHost: 198.19.200.11:2379\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 31\r\nConnection: close\r\n\r\n"
                + "value=%7B%22a%22%3A%22b+c%22%7D", req);
        String dir = new String(V2Keys.putRequest(new V2Keys.Entry("/a b", Optional.empty()), "h:1"),
                StandardCharsets.UTF_8);
        assertTrue(dir.startsWith("PUT /v2/keys/a%20b HTTP/1.0\r\n") && dir.endsWith("\r\n\r\ndir=true"), dir);
    }
}
