package io.ovl.hosts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run's cancellation: once {@link #request() requested} (the first Ctrl-C or SIGTERM), the
 * engines start no new host step, let every step in flight finish (or roll back), and return their
 * report with the hosts they did not start marked so. Steps tell it what they leave on a host at
 * each moment ({@link #at}), so that whoever stops the run at once (a second interrupt) can say
 * what may be half-done where. Thread-safe; one per run. The engines only read it; who requests
 * it (the CLI's signal handling) is not their business.
 */
public final class Interruption {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> inFlight = new LinkedHashMap<>();

    /** A run nobody interrupts (dry runs, tests, callers without signal handling). */
    public static Interruption none() {
        return new Interruption();
    }

    public boolean requested() {
        return requested.get();
    }

    /** Asks the run to stop after the steps in flight; the first call tells the listeners, later ones nothing. */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            listeners.forEach(Runnable::run);
        }
    }

    /** {@code listener} runs (on the requesting thread) when the run is first asked to stop. */
    public void onRequest(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Starts {@code host}'s step unless the run was asked to stop: the check every engine makes
     * before a host step. A started step is in flight, with what it has left on the host so far
     * ({@code state}), until {@link #end}.
     *
     * @return false when the step must not start
     */
    public boolean begin(String host, String state) {
        synchronized (inFlight) {
            if (requested()) {
                return false;
            }
            inFlight.put(host, state);
            return true;
        }
    }

    /** What {@code host}'s step in flight has left on it now, e.g. "drop-in written, docker not restarted". */
    public void at(String host, String state) {
        synchronized (inFlight) {
            inFlight.put(host, state);
        }
    }

    /** {@code host}'s step is over (done, rolled back or failed with its own report). */
    public void end(String host) {
        synchronized (inFlight) {
            inFlight.remove(host);
        }
    }

    /** The steps in flight now: host to what it has left there so far, in the order they started. */
    public Map<String, String> inFlight() {
        synchronized (inFlight) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inFlight));
        }
    }

    /** The hosts with a step in flight, in the order they started. */
    public List<String> hostsInFlight() {
        synchronized (inFlight) {
            return List.copyOf(inFlight.keySet());
        }
    }
}
