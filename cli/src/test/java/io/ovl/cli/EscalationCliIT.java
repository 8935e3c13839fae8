package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ovl doctor}, {@code init} and {@code reset} through the real launcher (bin/ovl) on hosts
 * whose escalation is as operators have it: user ovl everywhere; h1 (the store) with passwordless
 * sudo, h2 whose sudo asks for a password (named by {@code become-password-env}, given in the
 * environment), h3 with doas ({@code permit nopass}, no sudo rule). Counts every escalation in the
 * hosts' journals, and looks for the password in everything ovl printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EscalationCliIT {
    private static final String VAR = "OVL_SUDO_PASSWORD";
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("escli", LabLayout.of("20.10", "20.10", "20.10").withSudoPassword("h2").withDoas("h3"));
    private static Path topology;
    private static Path launcher;
    private static String password;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() throws IOException {
        launcher = Path.of(System.getProperty("ovl.dist.dir", "target/ovl")).resolve("bin/ovl").toAbsolutePath();
        password = LAB.lab().sudoPassword();
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        String text = Files.readString(LAB.lab().topologyPath());
        String edited = text.replaceFirst("(?m)^  user: root$", "  user: ovl\n  become: sudo")
                .replace("  - name: " + h2.name() + "\n    address: " + h2.address() + "\n",
                        "  - name: " + h2.name() + "\n    address: " + h2.address() + "\n    ssh: {become-password-env: " + VAR + "}\n")
                .replace("  - name: " + h3.name() + "\n    address: " + h3.address() + "\n",
                        "  - name: " + h3.name() + "\n    address: " + h3.address() + "\n    ssh: {become: doas}\n");
        assertEquals(2, edited.split("become-password-env|become: doas", -1).length - 1, edited);
        topology = LAB.lab().stateDir().resolve("topology-escalation.yaml");
        Files.writeString(topology, edited);
    }

    @Test
    @Order(1)
    void doctorPassesWithThePasswordFromTheEnvironmentAndNeverPrintsIt() throws Exception {
        Run r = ovl(Map.of(VAR, password), "doctor", "-f", topology.toString(), "--verbose");
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("PASS  " + h2.name() + "  sudo works for ovl (become-password-env " + VAR + ")"), r.output);
        assertTrue(r.output.contains("PASS  " + h3.name() + "  doas -n works for ovl"), r.output);
        assertFalse(r.output.contains(password), "the password in ovl's output");
    }

    @Test
    @Order(2)
    void initEscalatesOncePerHostAndReset() throws Exception {
        long sudoBefore = sessions(h2, "sudo");
        long doasBefore = sessions(h3, "doas");
        Run init = ovl(Map.of(VAR, password), "init", "-f", topology.toString(), "--yes");
        assertEquals(0, init.exit, init.output);
        assertTrue(init.output.contains("init done."), init.output);
        assertEquals(1, sessionsSince(h2, "sudo", sudoBefore, 1), "sudo sessions on " + h2.name() + " during init");
        assertEquals(1, sessionsSince(h3, "doas", doasBefore, 1), "doas sessions on " + h3.name() + " during init");
        assertFalse(init.output.contains(password), "the password in ovl's output");
        // dockerd on the password host really runs with the store (set up as root through sudo -S).
        assertTrue(LAB.lab().exec(h2, "docker", "info", "--format", "{{.ClusterStore}}").stdout().startsWith("etcd://"));

        Run reset = ovl(Map.of(VAR, password), "reset", "-f", topology.toString(), "--yes");
        assertEquals(0, reset.exit, reset.output);
        assertFalse(reset.output.contains(password), "the password in ovl's output");
    }

    @Test
    @Order(3)
    void aWrongPasswordFailsFastAndIsTriedOnce() throws Exception {
        String wrong = "wrong " + password;
        long refusedBefore = refusals(h2);
        long t0 = System.nanoTime();
        Run r = ovl(Map.of(VAR, wrong), "doctor", "-f", topology.toString(), "--verbose");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertEquals(3, r.exit, r.output);
        assertTrue(r.output.contains("FAIL  " + h2.name() + "  host " + h2.name() + ": sudo refused the password from "
                + VAR + " (for user ovl)"), r.output);
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "took " + took);
        assertFalse(r.output.contains(wrong), "the wrong password in ovl's output");
        Thread.sleep(500); // syslog
        assertEquals(1, refusals(h2) - refusedBefore, "a refused password is not tried again");
    }

    @Test
    @Order(4)
    void anUnsetVariableWithoutATerminalSaysWhatToExport() throws Exception {
        Run r = ovl(Map.of(), "doctor", "-f", topology.toString());
        assertEquals(3, r.exit, r.output);
        assertTrue(r.output.contains("host " + h2.name() + ": become-password-env names " + VAR
                + ", which is not set, and there is no terminal to ask on; export " + VAR), r.output);
    }

    // ---- helpers ----

    private record Run(int exit, String output) {
    }

    /** bin/ovl with {@code env} added (and VAR removed unless given), no terminal, to its end. */
    private static Run ovl(Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().put("NO_COLOR", "1");
        b.environment().remove(VAR);
        b.environment().putAll(env);
        Process p = b.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ovl " + String.join(" ", args) + " did not end");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static long count(LabHost h, String identifier, String pattern) {
        return Long.parseLong(LAB.lab().exec(h, "sh", "-c", "journalctl --no-pager -o cat SYSLOG_IDENTIFIER=" + identifier
                + " | grep -c '" + pattern + "' || true").stdout().strip());
    }

    /** Sessions sudo or doas logged (by syslog identifier: doas execs the command in its own process). */
    private static long sessions(LabHost h, String program) {
        return count(h, program, program.equals("sudo") ? "COMMAND=" : "ran command");
    }

    private static long refusals(LabHost h) {
        return count(h, "sudo", "incorrect password");
    }

    /** {@link #sessions} over {@code before} once it reached {@code expected}, or after 10 s (syslog may lag). */
    private static long sessionsSince(LabHost h, String program, long before, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long n = sessions(h, program) - before;
        while (n < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            n = sessions(h, program) - before;
        }
        Thread.sleep(500);
        return sessions(h, program) - before;
    }
}
