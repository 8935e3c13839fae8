package io.ovl.provision;

import io.ovl.kv.StoreHealth;
import io.ovl.kv.StoreAnswer;
import com.github.dockerjava.api.DockerClient;
import io.ovl.docker.DockerClients;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.RemoteShell;
import io.ovl.ssh.SshTarget;
import io.ovl.topology.KvBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.kv.TlsExchange;
import io.ovl.topology.KvTls;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * A {@link ProvisionHost} over one {@link HostSession}: commands on its exec channels, the Docker
 * API on its channels to the Docker socket, and store probes as direct-tcpip channels, so the TCP
 * connection to the store starts on the host itself (as dockerd's will).
 */
public final class SshProvisionHost implements ProvisionHost {
    private static final int MAX_ANSWER = 64 * 1024;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final HostSession session;
    private final DockerApi docker;
    private final KvBackend backend;
    private final Optional<KvTls> tls;

    public SshProvisionHost(HostSession session, KvBackend backend) {
        this(session, backend, Optional.empty());
    }

    /**
     * @param tls the store's TLS files (kv-store.tls) on this host: a probe then reads them over this
     *            session and asks the store's health API over TLS with that client certificate
     */
    public SshProvisionHost(HostSession session, KvBackend backend, Optional<KvTls> tls) {
        this.session = session;
        this.backend = backend;
        this.tls = tls;
        boolean sudo = session.endpoint().become() == SshTarget.Become.SUDO;
        DockerClient client = DockerClients.over(session.sshClient(), sudo, session.label());
        this.docker = new DockerJavaApi(client, session.label());
    }

    @Override
    public String name() {
        return session.label();
    }

    @Override
    public RemoteShell shell() {
        return session;
    }

    @Override
    public DockerApi docker() {
        return docker;
    }

    @Override
    public StoreProbe storeProbe() {
        return this::probe;
    }

    private StoreAnswer probe(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String address = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ovl-store-probe-" + name());
            t.setDaemon(true);
            return t;
        });
        DirectConnection[] opened = new DirectConnection[1];
        Optional<TlsExchange.Pem> pem;
        try {
            pem = tls.isEmpty() ? Optional.empty() : Optional.of(pem(tls.get()));
        } catch (OvlException e) {
            reader.shutdownNow();
            return new StoreAnswer(endpoint, false, e.getMessage());
        }
        try {
            Future<byte[]> answer = reader.submit(() -> {
                try (DirectConnection conn = session.sshClient().newDirectConnection(address, port)) {
                    opened[0] = conn;
                    if (pem.isPresent()) {
                        return TlsExchange.exchange(pem.get(), conn.getInputStream(), conn.getOutputStream(), address,
                                port, StoreHealth.request(backend, endpoint));
                    }
                    OutputStream out = conn.getOutputStream();
                    out.write(StoreHealth.request(backend, endpoint));
                    out.flush();
                    return readAll(conn.getInputStream());
                }
            });
            StoreAnswer a = StoreHealth.interpret(backend, endpoint,
                    answer.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            return pem.isPresent() ? new StoreAnswer(a.endpoint(), a.healthy(), "TLS, " + a.detail()) : a;
        } catch (TimeoutException e) {
            closeQuietly(opened[0]);
            return new StoreAnswer(endpoint, false, "no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneralSecurityException g) {
                return new StoreAnswer(endpoint, false, "TLS files of kv-store.tls on " + name() + ": " + g.getMessage());
            }
            if (e.getCause() instanceof javax.net.ssl.SSLException t) {
                return new StoreAnswer(endpoint, false, "TLS with the store from " + name() + " failed: " + t.getMessage());
            }
            // The usual case for a store that is not up: sshd on the host reports "connect failed".
            return new StoreAnswer(endpoint, false, "cannot connect from " + name() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StoreAnswer(endpoint, false, "interrupted");
        } finally {
            reader.shutdownNow();
        }
    }

    /** The TLS files as this host has them, read as root over the session. */
    private TlsExchange.Pem pem(KvTls files) {
        return new TlsExchange.Pem(text(files.ca()), text(files.cert()), text(files.key()));
    }

    private String text(String path) {
        return files().readFile(path).map(b -> new String(b, StandardCharsets.US_ASCII))
                .orElseThrow(() -> new OvlException(ExitCode.CHECKS_FAILED, "host " + name() + ": TLS file " + path
                        + " of kv-store.tls is missing here"));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while (buf.size() < MAX_ANSWER && (n = in.read(chunk)) >= 0) {
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    private static void closeQuietly(DirectConnection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (IOException | RuntimeException ignored) {
                // The probe already failed; closing is best effort.
            }
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
