package io.ovl.provision;

import com.github.dockerjava.api.DockerClient;
import io.ovl.core.OvlException;
import io.ovl.docker.DockerApi;
import io.ovl.docker.DockerClients;
import io.ovl.docker.DockerJavaApi;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreChannelProbe;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.StoreProbe;
import io.ovl.kv.TlsExchange;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvTls;
import java.util.Optional;

/**
 * A {@link ProvisionHost} over one {@link HostSession}: commands on its exec channels, the Docker
 * API on its channels to the Docker socket, and store probes as direct-tcpip channels, so the TCP
 * connection to the store starts on the host itself (as dockerd's will).
 */
public final class SshProvisionHost implements ProvisionHost {
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
        DockerClient client = DockerClients.over(session);
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
        Optional<TlsExchange.Pem> pem;
        try {
            pem = tls.map(files -> StoreChannelProbe.readPem(files(), files, name()));
        } catch (OvlException e) {
            return new StoreAnswer(endpoint, false, e.getMessage());
        }
        return StoreChannelProbe.ask(StoreDialer.over(session), name(), backend, pem, endpoint);
    }

    @Override
    public void close() {
        session.close();
    }
}
