package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.hosts.RunLock;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.render.DockerdDropIn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An interrupted {@code ovl init}, as a CI job's cancel does it: the real launcher
 * (target/ovl/bin/ovl) as a process of its own, SIGTERM sent ({@link Process#destroy}; a background
 * job of a non-interactive shell ignores SIGINT, LAB-NOTES) at moments chosen by what ovl prints,
 * never by sleeps, on a lab of four real hosts with Engine 20.10 (etcd store on h1, overlay on h2,
 * h3, h4). After each: exit 130, every overlay host either fully set up (ovl's drop-in AND dockerd
 * running with the cluster store) or untouched (neither), docker active, the run lock released,
 * and a second {@code ovl init} converges. Then {@code ovl reset} for the next case. One case
 * interrupts twice and expects the half-done line. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterruptIT {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("intr", LabLayout.of("20.10", "20.10", "20.10", "20.10"));
    private static Path topology;
    private static Path launcher;
    private static LabHost store;
    private static List<LabHost> overlay;
    private static String storeUrl;

    @BeforeAll
    static void up() {
        topology = LAB.lab().topologyPath();
        launcher = Path.of(System.getProperty("ovl.dist.dir", "target/ovl")).resolve("bin/ovl").toAbsolutePath();
        store = LAB.host("h1");
        overlay = List.of(LAB.host("h2"), LAB.host("h3"), LAB.host("h4"));
        storeUrl = "etcd://" + store.address() + ":2379/network";
    }

    /** Every case starts from hosts without ovl's setup, whatever an earlier failed case left. */
    @BeforeEach
    void clean() throws Exception {
        LAB.lab().exec(store, "rm", "-rf", "--", RunLock.PATH);
        Ovl reset = Ovl.start("reset", "-f", topology.toString(), "--yes");
        assertEquals(0, reset.exit(), reset.output());
    }

    @Test
    @Order(1)
    void termWhileTheStoreStartsRestartsNoDockerd() throws Exception {
        Ovl run = Ovl.start("init", "-f", topology.toString(), "--yes");
        run.await(l -> l.startsWith(store.name() + ": creating store container"));
        run.terminate();

        assertEquals(130, run.exit(), run.output());
        assertInterruptedOnce(run);
        for (LabHost h : overlay) {
            assertEquals(State.UNTOUCHED, state(h), h.name());
        }
        assertLockReleased();
        assertConvergesThenReset();
    }

    @Test
    @Order(2)
    void termRightAfterTheFirstRestartStartsLeavesEveryHostDoneOrUntouched() throws Exception {
        Ovl run = Ovl.start("init", "-f", topology.toString(), "--yes");
        run.await(l -> l.contains(": restarting docker ("));
        run.terminate();

        assertEquals(130, run.exit(), run.output());
        assertInterruptedOnce(run);
        assertTrue(run.output().contains("init interrupted: "), run.output());
        for (LabHost h : overlay) {
            assertTrue(state(h) != State.HALF_DONE, h.name() + " is half-done: " + describe(h) + "\n" + run.output());
        }
        assertLockReleased();
        assertConvergesThenReset();
    }

    @Test
    @Order(3)
    void rollingTermDuringTheFirstRestartFinishesThatHostAndStartsNoOther() throws Exception {
        LabHost first = overlay.get(0);
        Ovl run = Ovl.start("init", "-f", topology.toString(), "--yes", "--rolling");
        run.await(l -> l.startsWith(first.name() + ": restarting docker ("));
        run.terminate();

        assertEquals(130, run.exit(), run.output());
        assertTrue(run.output().contains("ovl: interrupted: finishing the step in flight on " + first.name()
                + " (interrupt again to stop now)"), run.output());
        assertEquals(State.SET_UP, state(first), describe(first));
        for (LabHost h : overlay.subList(1, overlay.size())) {
            assertEquals(State.UNTOUCHED, state(h), h.name());
            assertTrue(run.output().contains("  " + h.name() + ": not started: "), run.output());
        }
        assertLockReleased();
        assertConvergesThenReset();
    }

    @Test
    @Order(4)
    void rollingTermWhileTheSecondHostWritesItsDropIn() throws Exception {
        LabHost second = overlay.get(1);
        Ovl run = Ovl.start("init", "-f", topology.toString(), "--yes", "--rolling");
        run.await(l -> l.startsWith(second.name() + ": writing "));
        run.terminate();

        assertEquals(130, run.exit(), run.output());
        assertInterruptedOnce(run);
        assertEquals(State.SET_UP, state(overlay.get(0)), describe(overlay.get(0)));
        assertEquals(State.SET_UP, state(second), "the step in flight finished: " + describe(second));
        assertEquals(State.UNTOUCHED, state(overlay.get(2)), describe(overlay.get(2)));
        assertLockReleased();
        assertConvergesThenReset();
    }

    @Test
    @Order(5)
    void aSecondTermStopsAtOnceAndSaysWhatMayBeHalfDone() throws Exception {
        LabHost first = overlay.get(0);
        Ovl run = Ovl.start("init", "-f", topology.toString(), "--yes", "--rolling");
        run.await(l -> l.startsWith(first.name() + ": writing "));
        run.terminate();
        run.await(l -> l.startsWith("ovl: interrupted: "));
        run.terminate();

        assertEquals(130, run.exit(), run.output());
        assertTrue(run.output().contains("ovl: interrupted again: stopping now; may be half-done:"), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith(first.name() + ": ")
                && l.endsWith(": run `ovl init` again or `ovl reset`")), run.output());
        assertFalse(run.output().contains("Summary:"), "stopped at once, no report: " + run.output());
        for (LabHost h : overlay.subList(1, overlay.size())) {
            assertEquals(State.UNTOUCHED, state(h), h.name());
        }
        assertLockReleased();
        assertConvergesThenReset();
    }

    // ---- what a host is left in ----

    private enum State { SET_UP, UNTOUCHED, HALF_DONE }

    private static State state(LabHost h) {
        boolean dropIn = LAB.lab().inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded();
        boolean active = LAB.lab().exec(h, "systemctl", "is-active", "docker").stdout().strip().equals("active");
        String running = LAB.lab().exec(h, "docker", "info", "--format", "{{.ClusterStore}}").stdout().strip();
        if (active && dropIn && running.equals(storeUrl)) {
            return State.SET_UP;
        }
        if (active && !dropIn && running.isEmpty()) {
            return State.UNTOUCHED;
        }
        return State.HALF_DONE;
    }

    private static String describe(LabHost h) {
        return h.name() + ": drop-in " + (LAB.lab().inHost(h, "test", "-e", DockerdDropIn.PATH).succeeded() ? "present" : "absent")
                + ", docker " + LAB.lab().exec(h, "systemctl", "is-active", "docker").stdout().strip()
                + ", cluster store '" + LAB.lab().exec(h, "docker", "info", "--format", "{{.ClusterStore}}").stdout().strip() + "'";
    }

    private static void assertInterruptedOnce(Ovl run) {
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("ovl: interrupted")
                && l.endsWith("(interrupt again to stop now)") || l.equals("ovl: interrupted; nothing was changed")),
                run.output());
    }

    private static void assertLockReleased() {
        assertFalse(LAB.lab().inHost(store, "test", "-e", RunLock.PATH).succeeded(), "run lock left on " + store.name());
    }

    /** A second init sets every host up (exit 0); then reset leaves every host as before, for the next case. */
    private static void assertConvergesThenReset() throws Exception {
        Ovl again = Ovl.start("init", "-f", topology.toString(), "--yes");
        assertEquals(0, again.exit(), again.output());
        for (LabHost h : overlay) {
            assertEquals(State.SET_UP, state(h), describe(h));
        }
        Ovl reset = Ovl.start("reset", "-f", topology.toString(), "--yes");
        assertEquals(0, reset.exit(), reset.output());
        for (LabHost h : overlay) {
            assertEquals(State.UNTOUCHED, state(h), describe(h));
        }
    }

    // ---- the launcher as a process ----

    /** bin/ovl running; stdout and stderr read line by line as they come, into one list in arrival order. */
    private static final class Ovl {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final List<Thread> readers = new ArrayList<>();

        private Ovl(Process process) {
            this.process = process;
            readers.add(reader(process.getInputStream()));
            readers.add(reader(process.getErrorStream()));
        }

        static Ovl start(String... args) throws IOException {
            List<String> argv = new ArrayList<>(List.of(launcher.toString()));
            argv.addAll(List.of(args));
            ProcessBuilder b = new ProcessBuilder(argv);
            b.environment().put("JAVA_HOME", System.getProperty("java.home"));
            b.environment().put("NO_COLOR", "1");
            return new Ovl(b.start());
        }

        private Thread reader(InputStream in) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits until a line matching {@code event} was printed; fails if the run ends or times out first. */
        void await(Predicate<String> event) throws InterruptedException {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            synchronized (lines) {
                while (lines.stream().noneMatch(event)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!process.isAlive() && readers.stream().noneMatch(Thread::isAlive))) {
                        throw new AssertionError("the event never came; ovl printed:\n" + String.join("\n", lines));
                    }
                    lines.wait(Math.min(200, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                }
            }
        }

        /**
         * SIGTERM, as a CI job's cancel sends it. Through the process handle: {@link Process#destroy}
         * also closes our ends of its stdout and stderr, and what ovl prints after the signal (the
         * very thing under test) would be lost.
         */
        void terminate() {
            process.toHandle().destroy();
        }

        int exit() throws InterruptedException {
            if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ovl did not end; it printed:\n" + output());
            }
            for (Thread t : readers) {
                t.join(10_000);
            }
            return process.exitValue();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines) + "\n";
            }
        }
    }
}
