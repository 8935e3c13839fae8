package io.ovl.hosts;

import io.ovl.core.OvlException;
import com.github.dockerjava.api.DockerClient;
import io.ovl.docker.ChannelDockerHttpClient;
import io.ovl.docker.DockerApi;
import io.ovl.docker.DockerClients;
import io.ovl.docker.DockerJavaApi;
import io.ovl.docker.DockerJavaSwarmApi;
import io.ovl.docker.SwarmApi;
import io.ovl.kv.StoreAnswer;
import io.ovl.kv.StoreChannelProbe;
import io.ovl.kv.StoreDialer;
import io.ovl.kv.StoreProbe;
import io.ovl.kv.TlsExchange;
import io.ovl.access.HostAccess;
import io.ovl.ssh.CommandStarter;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.RemoteShell;
import io.ovl.ssh.SessionPool;
import io.ovl.ssh.SshConnector;
import io.ovl.ssh.SshTarget;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.KvTls;
import java.io.IOException;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link HostHandle} over one {@link HostSession}: commands on its shells, the Docker API on its
 * channels to the Docker socket, and store probes as direct-tcpip channels, so the TCP connection
 * to the store starts on the host itself (as dockerd's will).
 *
 * <p>The Docker client is made on first use, one per handle for kv and swarm calls alike: a run
 * that never calls the Engine API opens no channel to the Docker socket and, for a sudo user,
 * never starts the session's Docker relay. Closing the handle closes the client first.
 */
public final class SshHostHandle implements HostHandle {
    private final HostSession session;
    private final KvBackend backend;
    private final Optional<KvTls> tls;
    private ChannelDockerHttpClient http;
    private DockerClient client;
    private DockerApi docker;
    private SwarmApi swarm;

    /**
     * @param backend the topology's store kind, for {@link #storeProbe()}
     * @param tls     the store's TLS files (kv-store.tls) on this host: a probe then reads them over this
     *                session and asks the store's health API over TLS with that client certificate
     */
    public SshHostHandle(HostSession session, KvBackend backend, Optional<KvTls> tls) {
        this.session = session;
        this.backend = backend;
        this.tls = tls;
    }

    /**
     * Opens each host of {@code topology} with a new connection from {@code connector}, mapped to its
     * target by {@link HostAccess}; closing a handle closes its connection.
     */
    public static Function<Host, HostHandle> connecting(Topology topology, Path topologyFile, SshConnector connector) {
        return over(topology, topologyFile, connector::open);
    }

    /**
     * Each host's handle over its session from {@code pool} (in {@code ovl shell}, the connection an
     * earlier command opened); closing a handle leaves the pool's connection open (it is lent).
     */
    public static Function<Host, HostHandle> fromPool(Topology topology, Path topologyFile, SessionPool pool) {
        return over(topology, topologyFile, pool::session);
    }

    private static Function<Host, HostHandle> over(Topology topology, Path topologyFile,
                                                   Function<SshTarget, HostSession> sessions) {
        HostAccess access = HostAccess.forTopologyFile(topologyFile);
        KvBackend backend = topology.kvStore().map(KvStore::backend).orElse(KvBackend.ETCD);
        Optional<KvTls> tls = topology.kvStore().flatMap(KvStore::tls);
        return h -> new SshHostHandle(sessions.apply(access.target(h)), backend, tls);
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
    public synchronized DockerApi docker() {
        if (docker == null) {
            docker = new DockerJavaApi(client(), session.label());
        }
        return docker;
    }

    @Override
    public synchronized SwarmApi swarm() {
        if (swarm == null) {
            swarm = new DockerJavaSwarmApi(client(), http, session.label());
        }
        return swarm;
    }

    private DockerClient client() {
        if (client == null) {
            http = ChannelDockerHttpClient.over(session);
            client = DockerClients.over(http);
        }
        return client;
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

    /** Always present: direct-tcpip channels of the session. */
    @Override
    public Optional<StoreDialer> storeDialer() {
        return Optional.of(StoreDialer.over(session));
    }

    /** The session's own exec channels, privileged as its shell is. */
    @Override
    public CommandStarter starter() {
        return session;
    }

    /** Closes the session (a pool's session stays open: see {@link #fromPool}). */
    @Override
    public void close() {
        synchronized (this) {
            if (client != null) {
                try {
                    client.close(); // closes the channels still open; the connection is the session's
                } catch (IOException | RuntimeException e) {
                    // Closing the session below ends every channel anyway.
                }
                client = null;
            }
        }
        session.close();
    }
}
