package io.ovl.hosts;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.HostSession;
import io.ovl.ssh.SshConnector;
import io.ovl.ssh.SshTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs work on many hosts at once on a bounded pool. Each host's work is bounded by its own
 * connect and command timeouts, so a slow or dead host costs its timeout, not the sum of all.
 * Results come back in input (topology) order, one per host, each either a value or that host's
 * error; nothing is thrown for a host failure.
 */
public final class ParallelHosts {

    public static final int DEFAULT_PARALLELISM = 16;

    private final int parallelism;

    public ParallelHosts(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public ParallelHosts() {
        this(DEFAULT_PARALLELISM);
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * Opens one session per target with {@code connector}, runs {@code work} on it and closes it.
     * Connection failures become that host's {@link HostResult.Failed}.
     */
    public <T> List<HostResult<T>> onHosts(List<SshTarget> targets, SshConnector connector,
                                           Function<HostSession, T> work) {
        return forEach(targets, SshTarget::label, target -> {
            try (HostSession session = connector.open(target)) {
                return work.apply(session);
            }
        });
    }

    /**
     * The general form: applies {@code work} to every item in parallel, {@code label} naming the
     * host of each item in results and in errors that are not already {@link OvlException}s.
     */
    public <H, T> List<HostResult<T>> forEach(List<H> items, Function<H, String> label, Function<H, T> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()), daemonThreads());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (H item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<HostResult<T>> results = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                results.add(collect(label.apply(items.get(i)), futures.get(i)));
            }
            return List.copyOf(results);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> HostResult<T> collect(String host, Future<T> future) {
        try {
            return new HostResult.Succeeded<>(host, future.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OvlException ovl) {
                return new HostResult.Failed<>(host, ovl);
            }
            return new HostResult.Failed<>(host, new OvlException(ExitCode.SOFTWARE,
                    "host " + host + ": unexpected error: " + cause, cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new HostResult.Failed<>(host, new OvlException(ExitCode.INTERRUPTED,
                    "host " + host + ": interrupted", e));
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ovl-host-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
