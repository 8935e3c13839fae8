package io.ovl.kv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One request and its answer over TLS with a client certificate, on a byte stream that is already
 * connected to the store (an SSH direct-tcpip channel that starts on a Docker host). The JDK's TLS
 * needs a socket, so the channel is bridged through a connected pair of loopback sockets; nothing
 * leaves this machine except through the channel. The store's certificate must be signed by the
 * given CA and name the address dialled (subjectAltName), as dockerd's own client checks.
 *
 * <p>Keys: unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY", what {@code openssl req -newkey -nodes}
 * writes), RSA or EC. They are read over SSH into memory for the one exchange, never written here.
 */
public final class TlsExchange {

    /** The three PEM texts of kv-store.tls, as read from a Docker host. */
    public record Pem(String ca, String cert, String key) {
    }

    private TlsExchange() {
    }

    /**
     * @param toStore   bytes written here reach the store's TLS port
     * @param fromStore the store's bytes
     * @param address   the store's address as dialled, checked against its certificate
     * @throws IOException for a handshake or transport failure (the message says which)
     * @throws GeneralSecurityException for PEM that cannot be used
     */
    public static byte[] exchange(Pem pem, InputStream fromStore, OutputStream toStore, String address, int port,
                                  byte[] request) throws IOException, GeneralSecurityException {
        SSLContext context = context(pem);
        try (ServerSocket bridge = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket near = new Socket(InetAddress.getLoopbackAddress(), bridge.getLocalPort());
             Socket far = acceptOnly(bridge, near)) {
            Thread up = pump(far.getInputStream(), toStore, "ovl-tls-up", () -> { });
            // The store's end of stream becomes the bridge's, so a store that closes without TLS's
            // close_notify still ends the read below.
            Thread down = pump(fromStore, far.getOutputStream(), "ovl-tls-down", () -> shutdownOutput(far));
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(near, address, port, true)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
                tls.getOutputStream().write(request);
                tls.getOutputStream().flush();
                return BoundedRead.readAll(tls.getInputStream());
            } finally {
                up.interrupt();
                down.interrupt();
            }
        }
    }

    /**
     * The bridge's other end, and only if it is {@code near}: another local process could connect
     * to the loopback port first and would otherwise get a pipe to the store through the Docker
     * host's SSH channel.
     */
    private static Socket acceptOnly(ServerSocket bridge, Socket near) throws IOException {
        Socket far = bridge.accept();
        if (far.getPort() != near.getLocalPort() || !far.getInetAddress().equals(near.getLocalAddress())) {
            far.close();
            throw new IOException("another local process connected to ovl's TLS bridge (from "
                    + far.getRemoteSocketAddress() + ") before ovl did; refused, nothing was sent to the store");
        }
        return far;
    }

    static SSLContext context(Pem pem) throws GeneralSecurityException, IOException {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(x509, pem.ca())) {
            trust.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        char[] none = new char[0];
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        keys.setKeyEntry("client", privateKey(pem.key()), none,
                certificates(x509, pem.cert()).toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, none);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static Collection<? extends Certificate> certificates(CertificateFactory x509, String pem)
            throws GeneralSecurityException {
        Collection<? extends Certificate> certs = x509.generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate in the file");
        }
        return certs;
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("the key is not an unencrypted PKCS#8 PEM key (\"BEGIN PRIVATE KEY\");"
                    + " convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY`");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("the PKCS#8 key is neither RSA, EC nor Ed25519", last);
    }

    private static void shutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // Already closed: the exchange is over.
        }
    }

    private static Thread pump(InputStream in, OutputStream out, String name, Runnable atEnd) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // The exchange ended (or failed, which the TLS side reports); nothing to add here.
            }
            atEnd.run();
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
