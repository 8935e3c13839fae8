package io.ovl.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS exchange against a real TLS server on loopback that requires a client certificate (as
 * etcd's --client-cert-auth does), with a CA and certificates made by openssl for the test; the
 * "channel" is a plain socket to it. Skips where openssl is missing. On lab hosts, through SSH,
 * this runs in InitTlsIT.
 */
class TlsExchangeTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(run("openssl", "version"), "openssl is not installed");
        for (String ca : List.of("ca", "other-ca")) {
            assumeTrue(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca + "-key.pem", "-out",
                    ca + ".pem", "-days", "2", "-subj", "/CN=" + ca));
        }
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("elsewhere.ext"), "subjectAltName=IP:198.18.0.99\nextendedKeyUsage=serverAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String name : List.of("server", "elsewhere", "client")) {
            assumeTrue(run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out",
                    name + ".csr", "-subj", "/CN=" + name));
            assumeTrue(run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                    "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext"));
        }
    }

    @Test
    void aClientWithTheRightFilesGetsTheAnswer() throws Exception {
        byte[] answer = exchange("server", pem("ca", "client"));
        assertEquals("HTTP/1.0 200 OK\r\n\r\n{\"health\":\"true\"} for GET /health", new String(answer, StandardCharsets.UTF_8));
    }

    @Test
    void aServerCertificateOfAnotherCaIsRefused() {
        assertThrows(SSLException.class, () -> exchange("server", pem("other-ca", "client")));
    }

    @Test
    void aServerCertificateThatDoesNotNameTheAddressIsRefused() {
        assertThrows(SSLException.class, () -> exchange("elsewhere", pem("ca", "client")));
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt() {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> TlsExchange.privateKey(
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    /** One exchange with a one-shot TLS server presenting {@code serverCert}, which demands a client certificate. */
    private static byte[] exchange(String serverCert, TlsExchange.Pem client) throws Exception {
        TlsExchange.Pem server = new TlsExchange.Pem(read("ca.pem"), read(serverCert + ".pem"), read(serverCert + "-key.pem"));
        try (SSLServerSocket listener = (SSLServerSocket) TlsExchange.context(server).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOne(listener));
            try (Socket channel = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                return TlsExchange.exchange(client, channel.getInputStream(), channel.getOutputStream(), "127.0.0.1",
                        listener.getLocalPort(), "GET /health HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } finally {
                served.get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static void serveOne(SSLServerSocket listener) {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            while (!request.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                request.write(b);
            }
            String first = request.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            s.getOutputStream().write(("HTTP/1.0 200 OK\r\n\r\n{\"health\":\"true\"} for "
                    + first.replace(" HTTP/1.0", "")).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // A refused handshake ends here; the client side asserts it.
        }
    }

    private static TlsExchange.Pem pem(String ca, String client) throws IOException {
        return new TlsExchange.Pem(read(ca + ".pem"), read(client + ".pem"), read(client + "-key.pem"));
    }

    private static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private static boolean run(String... argv) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(List.of(argv))).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
