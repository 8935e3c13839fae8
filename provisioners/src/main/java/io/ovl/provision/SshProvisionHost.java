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
    private final boolean tls;

    public SshProvisionHost(HostSession session, KvBackend backend) {
        this(session, backend, false);
    }

    /**
     * @param tls the store requires TLS (kv-store.tls): its client certificate is on the hosts, not
     *            here, so a probe proves only that the store's port accepts a TCP connection from this host
     */
    public SshProvisionHost(HostSession session, KvBackend backend, boolean tls) {
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
        try {
            Future<byte[]> answer = reader.submit(() -> {
                try (DirectConnection conn = session.sshClient().newDirectConnection(address, port)) {
                    opened[0] = conn;
                    if (tls) {
                        return new byte[0]; // sshd opened the channel only after its TCP connect succeeded
                    }
                    OutputStream out = conn.getOutputStream();
                    out.write(StoreHealth.request(backend, endpoint));
                    out.flush();
                    return readAll(conn.getInputStream());
                }
            });
            byte[] bytes = answer.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return tls ? new StoreAnswer(endpoint, true, "TCP connection accepted (TLS store: its health API is not"
                    + " asked; the client certificate is on the hosts)") : StoreHealth.interpret(backend, endpoint, bytes);
        } catch (TimeoutException e) {
            closeQuietly(opened[0]);
            return new StoreAnswer(endpoint, false, "no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            // The usual case for a store that is not up: sshd on the host reports "connect failed".
            return new StoreAnswer(endpoint, false, "cannot connect from " + name() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StoreAnswer(endpoint, false, "interrupted");
        } finally {
            reader.shutdownNow();
        }
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
