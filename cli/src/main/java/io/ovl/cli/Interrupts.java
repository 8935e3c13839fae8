package io.ovl.cli;

import io.ovl.core.ExitCode;
import io.ovl.hosts.Interruption;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM (a CI job's cancel) for every command that changes hosts, in one
 * place. Commands open one per run, around everything they do with the hosts:
 * <ul>
 *   <li>before any change ({@link #changing} not reached: reading hosts, checks, the plan): the
 *       first interrupt stops the run as the JVM would, through the shutdown hooks, which release
 *       the run lock ({@link Runs#releasedOnExit}); nothing was changed;</li>
 *   <li>while changing: the first interrupt asks the engine to stop ({@link Interruption#request});
 *       it starts no new host step, lets those in flight finish or roll back and returns its report,
 *       which the command prints; the exit code is then 130;</li>
 *   <li>a second interrupt stops at once: a line per host whose step was in flight, saying what it
 *       may have left half-done and what to run, then exit 130 through the shutdown hooks (the lock
 *       is released), bounded: the JVM halts after {@link #HOOKS_GRACE} whatever the hooks do. A
 *       third interrupt halts at once.</li>
 * </ul>
 * Why {@code sun.misc.Signal} (module jdk.unsupported, exported to every class path application):
 * Java's own handling of these signals is the shutdown hooks, which cannot wait for a step to end
 * and cannot see a second signal (it blocks while the hooks run). Where the signals cannot be
 * handled (a JVM run with -Xrs) the JVM's default stays; a signal the launching shell ignores (SIGINT
 * of a background job) stays ignored.
 */
final class Interrupts implements AutoCloseable {
    static final Duration HOOKS_GRACE = Duration.ofSeconds(3);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Interruption interruption = new Interruption();
    private final PrintWriter err;
    private final String advice;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean changing;

    private Interrupts(PrintWriter err, String advice) {
        this.err = err;
        this.advice = advice;
    }

    /**
     * Handles INT and TERM until closed.
     *
     * @param advice what to run after a hard stop, e.g. "run `ovl init` again or `ovl reset`"
     */
    static Interrupts install(PrintWriter err, String advice) {
        Interrupts interrupts = new Interrupts(err, advice);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                interrupts.previous.put(signal, Signal.handle(signal, s -> interrupts.interrupted()));
            } catch (IllegalArgumentException notHandled) {
                // -Xrs, or a platform without it: the JVM's default stays (shutdown hooks only).
            }
        }
        return interrupts;
    }

    /** Runs the engine's apply: from now on an interrupt lets the steps in flight finish. */
    <T> T changing(Function<Interruption, T> apply) {
        changing = true;
        return apply.apply(interruption);
    }

    /** 130 when the run was interrupted, else {@code code}. */
    int exitCode(int code) {
        return interruption.requested() ? ExitCode.INTERRUPTED.code() : code;
    }

    /** What a signal does; package-private so that unit tests can play a signal without sending one. */
    void interrupted() {
        int n = count.incrementAndGet();
        if (n == 1 && !changing) {
            say("ovl: interrupted; nothing was changed");
            exitThroughHooks();
        } else if (n == 1) {
            interruption.request();
            List<String> hosts = interruption.hostsInFlight();
            say(hosts.isEmpty()
                    ? "ovl: interrupted: no host step in flight; stopping before the next (interrupt again to stop now)"
                    : "ovl: interrupted: finishing the step in flight on " + String.join(", ", hosts)
                            + " (interrupt again to stop now)");
        } else if (n == 2) {
            Map<String, String> inFlight = interruption.inFlight();
            StringBuilder b = new StringBuilder(inFlight.isEmpty()
                    ? "ovl: interrupted again: stopping now; no host step was in flight"
                    : "ovl: interrupted again: stopping now; may be half-done:");
            inFlight.forEach((host, state) -> b.append('\n').append(host).append(": ").append(state).append(": ")
                    .append(advice));
            say(b.toString());
            exitThroughHooks();
        } else {
            Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
        }
    }

    private void say(String text) {
        synchronized (err) {
            err.println(text);
            err.flush();
        }
    }

    /**
     * Exit 130 with the shutdown hooks (the run lock's release) on a thread of its own, and halt
     * after {@link #HOOKS_GRACE} if they do not end: a hook must not keep a stopped run alive.
     */
    private static void exitThroughHooks() {
        Thread exit = new Thread(() -> System.exit(ExitCode.INTERRUPTED.code()), "ovl-interrupted-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(HOOKS_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
    }

    /** Gives the signals back to what handled them before (the JVM, or an enclosing {@code ovl shell}). */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
