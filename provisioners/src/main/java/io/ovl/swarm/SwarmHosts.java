package io.ovl.swarm;

import io.ovl.access.HostAccess;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.docker.HttpSwarmApi;
import io.ovl.docker.SshDockerHttpClient;
import io.ovl.docker.SwarmApi;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.RemoteShell;
import io.ovl.ssh.SessionPool;
import io.ovl.ssh.SshConnector;
import io.ovl.ssh.SshTarget;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one session per overlay host of a swarm run, opened in parallel; a host that cannot be
 * reached is kept with its reason so the plan can name it (as {@link io.ovl.provision.OpenHosts}).
 */
public final class SwarmHosts implements AutoCloseable {
    private final Map<String, SwarmHost> open = new LinkedHashMap<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private final ParallelHosts parallel;

    private SwarmHosts(ParallelHosts parallel) {
        this.parallel = parallel;
    }

    public static SwarmHosts open(List<Host> hosts, Function<Host, SwarmHost> opener, ParallelHosts parallel) {
        SwarmHosts set = new SwarmHosts(parallel);
        for (HostResult<SwarmHost> r : parallel.forEach(hosts, Host::name, opener)) {
            if (r instanceof HostResult.Succeeded<SwarmHost> ok) {
                set.open.put(r.host(), ok.result());
            } else {
                set.unreachable.put(r.host(), r.error().map(OvlException::getMessage).orElse("unreachable"));
            }
        }
        return set;
    }

    /** Real SSH sessions to the topology's overlay hosts, mapped by {@link HostAccess}. */
    public static SwarmHosts overSsh(Topology topology, Path topologyFile, SshConnector connector, ParallelHosts parallel) {
        return overSsh(topology, topologyFile, connector::open, parallel);
    }

    /** The same from {@code pool}: closing the returned hosts leaves the pool's connections open. */
    public static SwarmHosts overSsh(Topology topology, Path topologyFile, SessionPool pool, ParallelHosts parallel) {
        return overSsh(topology, topologyFile, pool::session, parallel);
    }

    private static SwarmHosts overSsh(Topology topology, Path topologyFile, Function<SshTarget, HostSession> sessions,
                                      ParallelHosts parallel) {
        HostAccess access = HostAccess.forTopologyFile(topologyFile);
        return open(topology.overlayHosts(), h -> ssh(sessions.apply(access.target(h))), parallel);
    }

    private static SwarmHost ssh(HostSession session) {
        SwarmApi api = new HttpSwarmApi(SshDockerHttpClient.over(session), session.label());
        return new SwarmHost() {
            @Override
            public String name() {
                return session.label();
            }

            @Override
            public RemoteShell shell() {
                return session;
            }

            @Override
            public SwarmApi api() {
                return api;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    public Optional<SwarmHost> get(String name) {
        return Optional.ofNullable(open.get(name));
    }

    SwarmHost require(String name) {
        SwarmHost h = open.get(name);
        if (h == null) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + name + ": no session: " + unreachable.get(name));
        }
        return h;
    }

    public Optional<String> unreachableReason(String name) {
        return Optional.ofNullable(unreachable.get(name));
    }

    ParallelHosts parallel() {
        return parallel;
    }

    @Override
    public void close() {
        for (SwarmHost h : open.values()) {
            try {
                h.close();
            } catch (RuntimeException ignored) {
                // best effort; the run's result is decided
            }
        }
    }
}
