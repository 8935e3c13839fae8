package io.ovl.hosts;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.SessionPool;
import io.ovl.ssh.SshConnector;
import io.ovl.topology.Host;
import io.ovl.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The hosts of one run, one {@link HostHandle} each, opened in parallel at the start and closed at
 * the end. A host that cannot be reached is kept with its error, so the plan can say which host and
 * why. kv runs open every topology host; swarm runs only the overlay hosts (the others join no swarm).
 * Net commands work on the overlay hosts of a kv run through {@link #only}, a view of the same handles.
 */
public final class OpenHosts implements AutoCloseable {
    private final List<String> names = new ArrayList<>();
    private final Map<String, HostHandle> open = new LinkedHashMap<>();
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private final ParallelHosts parallel;
    /** False for a view ({@link #only}): the run that opened the handles closes them. */
    private final boolean owns;

    private OpenHosts(ParallelHosts parallel, boolean owns) {
        this.parallel = parallel;
        this.owns = owns;
    }

    /** Opens {@code hosts} with {@code opener}, in parallel; what it throws for a host is that host's reason. */
    public static OpenHosts open(List<Host> hosts, Function<Host, HostHandle> opener, ParallelHosts parallel) {
        OpenHosts set = new OpenHosts(parallel, true);
        List<HostResult<HostHandle>> results = parallel.forEach(hosts, Host::name, opener);
        for (HostResult<HostHandle> r : results) {
            set.names.add(r.host());
            if (r instanceof HostResult.Succeeded<HostHandle> ok) {
                set.open.put(r.host(), ok.result());
            } else {
                set.unreachable.put(r.host(), r.error().map(OvlException::getMessage).orElse("unreachable"));
            }
        }
        return set;
    }

    /**
     * Real SSH connections to {@code hosts} (of {@code topology}), a new one per host from
     * {@code connector}, closed with the returned hosts; each host mapped to its target by
     * {@link io.ovl.access.HostAccess}.
     */
    public static OpenHosts overSsh(Topology topology, Path topologyFile, List<Host> hosts, SshConnector connector,
                                    ParallelHosts parallel) {
        return open(hosts, SshHostHandle.connecting(topology, topologyFile, connector), parallel);
    }

    /**
     * The same, each host's session from {@code pool} (in {@code ovl shell}, the connection an
     * earlier command opened); closing the returned hosts leaves the pool's connections open.
     */
    public static OpenHosts overSsh(Topology topology, Path topologyFile, List<Host> hosts, SessionPool pool,
                                    ParallelHosts parallel) {
        return open(hosts, SshHostHandle.fromPool(topology, topologyFile, pool), parallel);
    }

    /**
     * These hosts only, in the order of {@code hosts}, over the same handles: the overlay hosts of a
     * kv run, which opened every topology host (a store-only host included), for the net commands
     * and migrate's network readout. A host of {@code hosts} this run did not open is unreachable
     * ("not reached"). A view: closing it closes nothing, the run that opened the handles does.
     */
    public OpenHosts only(List<Host> hosts) {
        OpenHosts view = new OpenHosts(parallel, false);
        for (Host h : hosts) {
            view.names.add(h.name());
            HostHandle handle = open.get(h.name());
            if (handle != null) {
                view.open.put(h.name(), handle);
            } else {
                view.unreachable.put(h.name(), whyUnreachable(h.name()).orElse("not reached"));
            }
        }
        return view;
    }

    /** Every host of the run, reached or not, in the order they were opened (topology order). */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** The hosts that have a handle, in {@link #names()} order. */
    public List<String> reached() {
        return names.stream().filter(open::containsKey).toList();
    }

    /** Why each host without a handle could not be reached, in {@link #names()} order. */
    public Map<String, String> unreachable() {
        return Collections.unmodifiableMap(unreachable);
    }

    public Optional<HostHandle> get(String name) {
        return Optional.ofNullable(open.get(name));
    }

    /** Why {@code name} could not be reached; empty when it was (or is not a host of the run). */
    public Optional<String> whyUnreachable(String name) {
        return Optional.ofNullable(unreachable.get(name));
    }

    /**
     * The handle of {@code name}, lent to doctor's checks (init's preflight), which report a host
     * without one under ssh.reachable with the exception's message.
     *
     * @throws OvlException (host failed) whose message is why the host was not reached, as it was
     */
    public HostHandle lend(String name) {
        HostHandle h = open.get(name);
        if (h == null) {
            throw new OvlException(ExitCode.HOST_FAILED, unreachable.getOrDefault(name,
                    "host " + name + ": not a host of this run"));
        }
        return h;
    }

    /**
     * The handle of {@code name}, for a step on a host the plan counted on (a plan never counts on a
     * host it could not read, so this throws only for a host lost meanwhile, or in a fact read).
     *
     * @throws OvlException (host failed) naming the host and why it has no session
     */
    public HostHandle require(String name) {
        HostHandle h = open.get(name);
        if (h == null) {
            throw new OvlException(ExitCode.HOST_FAILED, "host " + name + ": no session: "
                    + whyUnreachable(name).orElse("not reached"));
        }
        return h;
    }

    /**
     * Reads every host in parallel, in the order of {@code hosts}; a host that was not reached, or
     * whose read failed, gets {@code unreachable.apply(host, reason)} instead.
     */
    public <T> List<T> readAll(List<Host> hosts, Function<HostHandle, T> reader,
                              BiFunction<String, String, T> unreachable) {
        List<HostResult<T>> results = parallel.forEach(hosts, Host::name, h -> {
            HostHandle handle = open.get(h.name());
            return handle == null ? unreachable.apply(h.name(), this.unreachable.getOrDefault(h.name(), "not opened"))
                    : reader.apply(handle);
        });
        List<T> out = new ArrayList<>();
        for (HostResult<T> r : results) {
            out.add(r.value().orElseGet(() -> unreachable.apply(r.host(),
                    r.error().map(OvlException::getMessage).orElse("failed"))));
        }
        return out;
    }

    /**
     * Takes the run lock of {@code topology} on the host {@link RunLock#hostOf} names (the first
     * overlay host, the same in every mode): the one way every command that changes hosts locks.
     *
     * @param owner who is running, e.g. "ovl net create by alice@laptop pid 4242"
     * @throws OvlException (CHECKS_FAILED: nothing changed yet) when that host is unreachable or another run holds the lock
     */
    public RunLock lock(Topology topology, String owner) {
        String host = RunLock.hostOf(topology).name();
        HostHandle h = open.get(host);
        if (h == null) {
            throw new OvlException(ExitCode.CHECKS_FAILED, "host " + host + ": lock: cannot reach it ("
                    + unreachable.getOrDefault(host, "unreachable") + "); the run lock lives there");
        }
        return RunLock.acquire(h.shell(), host, owner);
    }

    /** The pool the hosts were opened with, for the run's other per-host work. */
    public ParallelHosts parallel() {
        return parallel;
    }

    /** Closes every handle this run opened; a view ({@link #only}) closes nothing. */
    @Override
    public void close() {
        if (!owns) {
            return;
        }
        for (HostHandle h : open.values()) {
            try {
                h.close();
            } catch (RuntimeException ignored) {
                // Closing is best effort; the run's result is already decided.
            }
        }
    }
}
