package io.ovl.provision;

import io.ovl.core.OvlException;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.ParallelHosts;
import io.ovl.hosts.RunLock;
import io.ovl.topology.Host;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one session per host of a run, opened in parallel at the start and closed at the end. A host
 * that cannot be reached is kept with its error, so the plan can say which host and why.
 */
public final class OpenHosts implements AutoCloseable {
    private final Map<String, ProvisionHost> open = new LinkedHashMap<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private final ParallelHosts parallel;

    private OpenHosts(ParallelHosts parallel) {
        this.parallel = parallel;
    }

    public static OpenHosts open(List<Host> hosts, Function<Host, ProvisionHost> opener, ParallelHosts parallel) {
        OpenHosts set = new OpenHosts(parallel);
        List<HostResult<ProvisionHost>> results = parallel.forEach(hosts, Host::name, opener);
        for (HostResult<ProvisionHost> r : results) {
            if (r instanceof HostResult.Succeeded<ProvisionHost> ok) {
                set.open.put(r.host(), ok.result());
            } else {
                set.unreachable.put(r.host(), r.error().map(OvlException::getMessage).orElse("unreachable"));
            }
        }
        return set;
    }

    public Optional<ProvisionHost> get(String name) {
        return Optional.ofNullable(open.get(name));
    }

    /** Why {@code name} could not be reached; empty when it was (or is not a host of the run). */
    public Optional<String> whyUnreachable(String name) {
        return Optional.ofNullable(unreachable.get(name));
    }

    /**
     * The shell of {@code name}'s session, for checks that run over it (init's preflight).
     *
     * @throws OvlException (host failed) naming the host and why it was not reached
     */
    public io.ovl.ssh.RemoteShell shell(String name) {
        ProvisionHost h = open.get(name);
        if (h == null) {
            throw new OvlException(io.ovl.core.ExitCode.HOST_FAILED, unreachable.getOrDefault(name,
                    "host " + name + ": not a host of this run"));
        }
        return h.shell();
    }

    /** The session of {@code name}; only for hosts the plan allowed, which were all reached. */
    ProvisionHost require(String name) {
        ProvisionHost h = open.get(name);
        if (h == null) {
            throw new IllegalStateException("host " + name + " has no open session: " + unreachable.get(name));
        }
        return h;
    }

    /** Reads every host's state in parallel; unreachable hosts get an all-unknown state. */
    public List<HostState> readAll(List<Host> hosts, Function<ProvisionHost, HostState> reader) {
        List<HostResult<HostState>> results = parallel.forEach(hosts, Host::name, h -> {
            ProvisionHost session = open.get(h.name());
            return session == null ? HostState.unreachable(h.name(), unreachable.getOrDefault(h.name(), "not opened"))
                    : reader.apply(session);
        });
        List<HostState> out = new ArrayList<>();
        for (HostResult<HostState> r : results) {
            out.add(r.value().orElseGet(() -> HostState.unreachable(r.host(),
                    r.error().map(OvlException::getMessage).orElse("failed"))));
        }
        return out;
    }

    /**
     * Takes the run lock on {@code host} (by convention the topology's first host).
     *
     * @throws OvlException when the host is unreachable or another run holds the lock
     */
    public RunLock lock(String host, String owner) {
        ProvisionHost h = open.get(host);
        if (h == null) {
            throw new OvlException(io.ovl.core.ExitCode.HOST_FAILED, "host " + host + ": lock: cannot reach it ("
                    + unreachable.get(host) + "); the run lock lives there");
        }
        return RunLock.acquire(h.shell(), host, owner);
    }

    ParallelHosts parallel() {
        return parallel;
    }

    @Override
    public void close() {
        for (ProvisionHost h : open.values()) {
            try {
                h.close();
            } catch (RuntimeException ignored) {
                // Closing is best effort; the run's result is already decided.
            }
        }
    }
}
