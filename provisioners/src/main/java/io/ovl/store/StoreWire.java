package io.ovl.store;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.TlsExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One request to a store's client port and its whole answer, over a stream that starts on a
 * store host ({@link StoreDialer}: an SSH direct-tcpip channel), plain or over TLS with that host's
 * client certificate: etcd's v2 HTTP API for the keyspace, ZooKeeper's four-letter words.
 */
final class StoreWire {
    /** The most a keyspace answer may hold here (plain TCP); TLS answers are cut at 64 KiB by kv's TLS bridge. */
    static final int MAX_ANSWER = 256 * 1024 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StoreWire() {
    }

    /** An HTTP answer: status code and body. */
    record HttpAnswer(int status, String body) {
    }

    static byte[] exchange(StoreDialer dialer, Optional<TlsExchange.Pem> pem, String host, String address, int port,
                           byte[] request) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ovl-store-wire-" + host);
            t.setDaemon(true);
            return t;
        });
        AtomicReference<StoreDialer.Stream> opened = new AtomicReference<>();
        try {
            Future<byte[]> answer = worker.submit(() -> {
                try (StoreDialer.Stream conn = dialer.dial(address, port)) {
                    opened.set(conn);
                    if (pem.isPresent()) {
                        return TlsExchange.exchange(pem.get(), conn.in(), conn.out(), address, port, request);
                    }
                    OutputStream out = conn.out();
                    out.write(request);
                    out.flush();
                    return readAll(conn.in());
                }
            });
            return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close(opened.get());
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": the store at " + address + ":" + port
                    + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + host + ": talk to the store at " + address + ":"
                    + port + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OvlException(ExitCode.INTERRUPTED, "interrupted while talking to the store", e);
        } finally {
            worker.shutdownNow();
        }
    }

    /** An HTTP/1.0 GET. */
    static byte[] get(String path, String hostHeader) {
        return ("GET " + path + " HTTP/1.0\r\nHost: " + hostHeader + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Splits an HTTP/1.x answer into status and body (the store answers HTTP/1.0 requests unchunked). */
    static HttpAnswer http(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String first = text.lines().findFirst().orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.[01] (\\d{3}).*").matcher(first);
        if (end < 0 || !m.matches()) {
            throw new io.ovl.facts.UnparseableOutputException("not an HTTP answer: "
                    + (first.length() > 80 ? first.substring(0, 80) : first));
        }
        return new HttpAnswer(Integer.parseInt(m.group(1)), text.substring(end + 4));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (buf.size() + n > MAX_ANSWER) {
                throw new IOException("the answer is larger than " + (MAX_ANSWER >> 20) + " MiB");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    private static void close(StoreDialer.Stream s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing
            }
        }
    }
}
