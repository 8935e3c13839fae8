package io.ovl.kv;

import io.ovl.topology.KvBackend;
import java.nio.charset.StandardCharsets;

/**
 * How to ask each KV backend whether it is healthy through its own client port, and how to read
 * the answer. Pure: {@link StoreProbe}s send {@link #request} over a TCP stream and pass the
 * bytes they got back to {@link #interpret}.
 *
 * <ul>
 *   <li>etcd: {@code GET /health}, healthy when the body says {@code "health":"true"};</li>
 *   <li>Consul: {@code GET /v1/status/leader}, healthy when a leader address is named;</li>
 *   <li>ZooKeeper: the four-letter word {@code srvr} (the one ZooKeeper 3.5+ allows by default),
 *       healthy when it reports a {@code Mode:}.</li>
 * </ul>
 */
public final class StoreHealth {
    private StoreHealth() {
    }

    public static byte[] request(KvBackend backend, String endpoint) {
        String text = switch (backend) {
            case ETCD -> http("/health", endpoint);
            case CONSUL -> http("/v1/status/leader", endpoint);
            case ZOOKEEPER -> "srvr";
        };
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static StoreAnswer interpret(KvBackend backend, String endpoint, byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("").strip();
        return switch (backend) {
            case ETCD -> httpOk(text, firstLine)
                    && body(text).replace(" ", "").contains("\"health\":\"true\"")
                    ? new StoreAnswer(endpoint, true, "etcd /health: " + body(text).strip())
                    : new StoreAnswer(endpoint, false, "etcd /health answered: " + summary(text, firstLine));
            case CONSUL -> httpOk(text, firstLine) && body(text).strip().matches("\"[^\"]+\"")
                    ? new StoreAnswer(endpoint, true, "consul leader " + body(text).strip())
                    : new StoreAnswer(endpoint, false, "consul has no leader yet: " + summary(text, firstLine));
            case ZOOKEEPER -> text.contains("Mode:")
                    ? new StoreAnswer(endpoint, true, "zookeeper " + text.lines().filter(l -> l.startsWith("Mode:"))
                            .findFirst().orElse("").strip())
                    : new StoreAnswer(endpoint, false, "zookeeper srvr answered: " + summary(text, firstLine));
        };
    }

    private static String http(String path, String endpoint) {
        // HTTP/1.0 with Connection: close, so the answer ends when the stream does.
        return "GET " + path + " HTTP/1.0\r\nHost: " + endpoint + "\r\nConnection: close\r\n\r\n";
    }

    private static boolean httpOk(String text, String firstLine) {
        return firstLine.matches("HTTP/1\\.[01] 200( .*)?");
    }

    private static String body(String text) {
        int at = text.indexOf("\r\n\r\n");
        return at < 0 ? "" : text.substring(at + 4);
    }

    private static String summary(String text, String firstLine) {
        if (text.isBlank()) {
            return "nothing (connection closed)";
        }
        String body = body(text).strip();
        return firstLine + (body.isEmpty() ? "" : " " + (body.length() > 120 ? body.substring(0, 120) + "..." : body));
    }
}
