package io.ovl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * etcd's v2 keyspace, which is where dockerd 20.10 keeps the overlay's state ({@code --cluster-store
 * etcd://...}: libkv speaks the v2 API). {@code etcdctl snapshot save} holds the v3 backend only: a
 * member restored from it starts with an empty v2 store (seen on the lab: every network gone). So a
 * backup also holds the answer of {@code GET /v2/keys/?recursive=true&sorted=true}, and a restore
 * writes its keys back. Pure: parsing and the requests; tested against an answer captured on the lab.
 *
 * <p>Keys with a TTL are left out: they are dockerd's discovery registrations
 * ({@code network/docker/nodes/ADDR:PORT}), which each dockerd renews by itself.
 */
public final class V2Keys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private V2Keys() {
    }

    /**
     * One key to write back: a value, or an empty directory (a directory with keys in it comes back
     * with them).
     */
    public record Entry(String key, Optional<String> value) {
        public boolean dir() {
            return value.isEmpty();
        }
    }

    /** The request that reads the whole v2 keyspace, consistently (quorum read). */
    public static String dumpPath() {
        return "/v2/keys/?recursive=true&sorted=true&quorum=true";
    }

    /** The keys to write back, in the answer's (sorted) order; TTL keys left out. */
    public static List<Entry> entries(String dumpJson) {
        JsonNode root;
        try {
            root = JSON.readTree(dumpJson);
        } catch (IOException e) {
            throw new UnparseableOutputException("etcd v2 keyspace: not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("node").isObject()) {
            throw new UnparseableOutputException("etcd v2 keyspace: no \"node\" object (an error answer? "
                    + (root == null ? "empty" : root.path("message").asText("no message")) + ")");
        }
        List<Entry> out = new ArrayList<>();
        walk(root.path("node"), out);
        return out;
    }

    /** How many TTL keys {@code dumpJson} holds (left out of a restore). */
    public static int ephemeral(String dumpJson) {
        try {
            return count(JSON.readTree(dumpJson).path("node"));
        } catch (IOException e) {
            return 0;
        }
    }

    private static int count(JsonNode node) {
        int n = 0;
        for (JsonNode c : node.path("nodes")) {
            n += c.path("dir").asBoolean(false) ? count(c) : c.has("ttl") ? 1 : 0;
        }
        return n;
    }

    private static void walk(JsonNode node, List<Entry> out) {
        for (JsonNode c : node.path("nodes")) {
            String key = c.path("key").asText("");
            if (c.path("dir").asBoolean(false)) {
                if (!c.has("ttl") && c.path("nodes").isEmpty()) {
                    out.add(new Entry(key, Optional.empty()));
                }
                if (!c.has("ttl")) {
                    walk(c, out);
                }
            } else if (!c.has("ttl")) {
                out.add(new Entry(key, Optional.of(c.path("value").asText(""))));
            }
        }
    }

    /**
     * The entries of {@code written} that {@code dumpJson} (the keyspace read back) does not hold as
     * written: a value must be there with that value; an empty directory must be there as a directory,
     * which may have gained keys meanwhile (a running dockerd adds endpoints under its network's
     * directory while the restore writes). Pure.
     */
    public static List<Entry> missing(List<Entry> written, String dumpJson) {
        List<Entry> now = entries(dumpJson);
        Set<String> dirs = new HashSet<>();
        try {
            directories(JSON.readTree(dumpJson).path("node"), dirs);
        } catch (IOException e) {
            throw new UnparseableOutputException("etcd v2 keyspace: not JSON: " + e.getMessage(), e);
        }
        return written.stream().filter(e -> e.dir() ? !dirs.contains(e.key()) : !now.contains(e)).toList();
    }

    private static void directories(JsonNode node, Set<String> out) {
        for (JsonNode c : node.path("nodes")) {
            if (c.path("dir").asBoolean(false)) {
                out.add(c.path("key").asText(""));
                directories(c, out);
            }
        }
    }

    /**
     * Whether etcd's answer to writing {@code entry} means it is in place: 200/201, or, for a
     * directory, etcd's 403 "Not a file" (errorCode 102), which is what it answers when the directory
     * already exists: a running dockerd had made it before the restore got to it (seen in StoreLabIT
     * under load). Pure.
     */
    public static boolean written(Entry entry, int status, String body) {
        if (status == 200 || status == 201) {
            return true;
        }
        return entry.dir() && status == 403 && body.replace(" ", "").contains("\"errorCode\":102");
    }

    /** {@code PUT /v2/keys/KEY} writing {@code entry}, an HTTP/1.0 request with a form body. */
    public static byte[] putRequest(Entry entry, String hostHeader) {
        String body = entry.value().map(v -> "value=" + form(v)).orElse("dir=true");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "PUT /v2/keys" + path(entry.key()) + " HTTP/1.0\r\nHost: " + hostHeader
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + bytes.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bytes, 0, all, h.length, bytes.length);
        return all;
    }

    /** Each segment of a key percent-encoded for a URL path ("/a b/c" to "/a%20b/c"). */
    static String path(String key) {
        StringBuilder sb = new StringBuilder();
        for (String seg : key.split("/", -1)) {
            if (sb.length() > 0 || !seg.isEmpty()) {
                sb.append('/').append(form(seg).replace("+", "%20"));
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
