package io.ovl.kv;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.RemoteFiles;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvTls;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Asks one store endpoint for its health through the store's own API ({@link StoreHealth}) over a
 * stream a {@link StoreDialer} opens from a Docker host: plain, or with kv-store.tls over TLS with
 * the client certificate that host has ({@link TlsExchange}). The one way init's store probes and
 * doctor's kv.healthy ask a store, so both judge a TLS store the same way.
 */
public final class StoreChannelProbe {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private StoreChannelProbe() {
    }

    /**
     * The kv-store.tls files as {@code host} has them, read as root over its session.
     *
     * @throws OvlException naming host and path when a file is missing there
     */
    public static TlsExchange.Pem readPem(RemoteFiles files, KvTls tls, String host) {
        return new TlsExchange.Pem(text(files, tls.ca(), host), text(files, tls.cert(), host),
                text(files, tls.key(), host));
    }

    private static String text(RemoteFiles files, String path, String host) {
        return files.readFile(path).map(b -> new String(b, StandardCharsets.US_ASCII))
                .orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED, "host " + host + ": TLS file " + path
                        + " of kv-store.tls is missing here"));
    }

    /**
     * Never throws for a store that does not answer: that is an unhealthy answer saying why
     * (cannot connect, no answer in time, the TLS handshake failed and the JDK's reason). A
     * healthy answer over TLS says so: its detail starts with "TLS, ".
     *
     * @param host     the Docker host the stream starts on, for the messages
     * @param endpoint "ADDR:PORT" (an IPv6 address in brackets)
     * @param pem      the client certificate, key and CA to verify the store by; empty for plain TCP
     */
    public static StoreAnswer ask(StoreDialer dialer, String host, KvBackend backend, Optional<TlsExchange.Pem> pem,
                                  String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String address = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ovl-store-probe-" + host);
            t.setDaemon(true);
            return t;
        });
        // On a timeout the worker may still be dialling, or blocked in a TLS read that an interrupt
        // does not end: only closing its channel frees it, its threads and sockets (which would pile
        // up on the long-lived sessions of ovl shell). Whichever side comes second closes it.
        AtomicReference<Closeable> opened = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        try {
            Future<byte[]> answer = reader.submit(() -> {
                try (StoreDialer.Stream conn = dialer.dial(address, port)) {
                    opened.set(conn);
                    if (timedOut.get()) {
                        throw new IOException("gave up waiting before the connection opened");
                    }
                    byte[] request = StoreHealth.request(backend, endpoint);
                    if (pem.isPresent()) {
                        return TlsExchange.exchange(pem.get(), conn.in(), conn.out(), address, port, request);
                    }
                    OutputStream out = conn.out();
                    out.write(request);
                    out.flush();
                    return BoundedRead.readAll(conn.in());
                }
            });
            StoreAnswer a = StoreHealth.interpret(backend, endpoint, answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            return pem.isPresent() ? new StoreAnswer(a.endpoint(), a.healthy(), "TLS, " + a.detail()) : a;
        } catch (TimeoutException e) {
            timedOut.set(true);
            closeQuietly(opened.get());
            return new StoreAnswer(endpoint, false, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneralSecurityException g) {
                return new StoreAnswer(endpoint, false, "TLS files of kv-store.tls on " + host + ": " + g.getMessage());
            }
            if (e.getCause() instanceof SSLException t) {
                return new StoreAnswer(endpoint, false, "TLS with the store from " + host + " failed: " + t.getMessage());
            }
            // The usual case for a store that is not up: sshd on the host reports "connect failed".
            return new StoreAnswer(endpoint, false, "cannot connect from " + host + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StoreAnswer(endpoint, false, "interrupted");
        } finally {
            reader.shutdownNow();
        }
    }

    /** Whether {@code answer} is a failed TLS handshake (as {@link #ask} words it), for a fix hint on TLS. */
    public static boolean tlsFailed(StoreAnswer answer) {
        return !answer.healthy() && answer.detail().startsWith("TLS with the store from ");
    }

    /** Whether {@code answer} failed because the host's TLS files are no usable PEM (as {@link #ask} words it). */
    public static boolean tlsFilesUnusable(StoreAnswer answer) {
        return !answer.healthy() && answer.detail().startsWith("TLS files of kv-store.tls on ");
    }


    private static void closeQuietly(Closeable conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (IOException | RuntimeException ignored) {
                // The probe already failed; closing is best effort.
            }
        }
    }
}
