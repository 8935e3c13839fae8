package io.ovl.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovl.topology.KvBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How one store endpoint is asked through a stream from a host and how the outcome is worded,
 * over a FAKE {@link StoreDialer} with in-memory streams (pure logic: the request sent, the
 * answer read, the failure named). The real path (SSH direct-tcpip channel, TLS etcd with client
 * certificates) runs on lab hosts in InitTlsIT; the TLS handshake itself in {@link TlsExchangeTest}.
 */
class StoreChannelProbeTest {
    private static final String EP = "198.18.144.11:2379";

    @TempDir
    Path dir;

    /** A fake store: records what was dialled and sent, answers with fixed bytes then end of stream. */
    private static final class FakeStore implements StoreDialer {
        final List<String> dialled = new ArrayList<>();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final byte[] answer;

        FakeStore(String answer) {
            this.answer = answer.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Stream dial(String address, int port) {
            dialled.add(address + " " + port);
            InputStream in = new ByteArrayInputStream(answer);
            return new Stream() {
                @Override
                public InputStream in() {
                    return in;
                }

                @Override
                public OutputStream out() {
                    return sent;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /**
     * A store that accepts and never answers: after the probe gives up, its connection must be
     * closed, or the reader thread and the SSH channel would stay open (in ovl shell, one more per run).
     */
    @Test
    void aStoreThatNeverAnswersIsGivenUpOnAndItsConnectionClosed() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        PipedOutputStream never = new PipedOutputStream();
        InputStream silent = new PipedInputStream(never);
        StoreDialer hanging = (address, port) -> new StoreDialer.Stream() {
            @Override
            public InputStream in() {
                return silent;
            }

            @Override
            public OutputStream out() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void close() throws IOException {
                closed.countDown();
                never.close(); // ends the blocked read, as closing an SSH channel does
            }
        };

        StoreAnswer a = StoreChannelProbe.ask(hanging, "h2", KvBackend.ETCD, Optional.empty(), EP);

        assertFalse(a.healthy());
        assertTrue(a.detail().startsWith("no answer within"), a.detail());
        assertTrue(closed.await(30, TimeUnit.SECONDS), "the hanging connection was never closed");
    }

    @Test
    void aPlainStoreGetsTheHealthRequestAndItsAnswerIsRead() {
        FakeStore store = new FakeStore("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"health\":\"true\"}");

        StoreAnswer a = StoreChannelProbe.ask(store, "h2", KvBackend.ETCD, Optional.empty(), EP);

        assertTrue(a.healthy(), a.detail());
        assertEquals("etcd /health: {\"health\":\"true\"}", a.detail());
        assertEquals(List.of("198.18.144.11 2379"), store.dialled);
        assertEquals(new String(StoreHealth.request(KvBackend.ETCD, EP), StandardCharsets.US_ASCII),
                store.sent.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void aHostThatCannotConnectIsNamedWithTheReason() {
        StoreDialer refused = (address, port) -> {
            throw new IOException("Stream closed: connect failed");
        };
        StoreAnswer a = StoreChannelProbe.ask(refused, "h3", KvBackend.ETCD, Optional.empty(), EP);
        assertFalse(a.healthy());
        assertEquals("cannot connect from h3: Stream closed: connect failed", a.detail());
        assertFalse(StoreChannelProbe.tlsFailed(a), "not a TLS failure");
    }

    @Test
    void tlsFilesThatAreNoPemAreNamedAsTheHostsFilesNotAsAHandshake() {
        FakeStore store = new FakeStore("");
        StoreAnswer a = StoreChannelProbe.ask(store, "h2", KvBackend.ETCD,
                Optional.of(new TlsExchange.Pem("not a certificate", "not a certificate", "not a key")), EP);
        assertFalse(a.healthy());
        assertTrue(a.detail().startsWith("TLS files of kv-store.tls on h2: "), a.detail());
        assertTrue(StoreChannelProbe.tlsFilesUnusable(a));
        assertFalse(StoreChannelProbe.tlsFailed(a));
    }

    @Test
    void aStoreThatAnswersWithoutTlsFailsTheHandshakeNamingHostAndReason() throws Exception {
        TlsExchange.Pem pem = selfSignedPem();
        FakeStore plain = new FakeStore("HTTP/1.0 200 OK\r\n\r\n{\"health\":\"true\"}");

        StoreAnswer a = StoreChannelProbe.ask(plain, "h2", KvBackend.ETCD, Optional.of(pem), EP);

        assertFalse(a.healthy(), "a plain answer to a TLS client is no health answer: " + a.detail());
        assertTrue(a.detail().startsWith("TLS with the store from h2 failed: "), a.detail());
        assertTrue(StoreChannelProbe.tlsFailed(a));
        assertFalse(StoreChannelProbe.tlsFilesUnusable(a));
        assertEquals(EP, a.endpoint());
    }

    /** A usable PEM triple (self-signed, the CA is the certificate itself), made by openssl; skips without it. */
    private TlsExchange.Pem selfSignedPem() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
                    "-out", "cert.pem", "-days", "1", "-subj", "/CN=ovl-test").directory(dir.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed");
            throw e;
        }
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl could not make a certificate");
        String cert = Files.readString(dir.resolve("cert.pem"));
        return new TlsExchange.Pem(cert, cert, Files.readString(dir.resolve("key.pem")));
    }
}
