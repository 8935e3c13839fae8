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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run log of real runs, through the real launcher (bin/ovl) with XDG_STATE_HOME set: three
 * Engine 20.10 hosts, user ovl with sudo everywhere, h2's sudo asking for a password (named by
 * {@code become-password-env}). {@code ovl init} leaves a log that lists, per host, the remote
 * commands with their exit status and duration, the fact batch's commands and Docker API requests,
 * and never the password; a failing run prints the log's path, and its log says why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunLogLabIT {
    private static final String VAR = "OVL_SUDO_PASSWORD";
    /** time host kind outcome duration command */
    private static final Pattern STEP = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (\\S+) (shell|batch|start|docker) (exit=\\d+|http=\\d+|failed|closed)"
                    + " (\\d+ms|-) (.+)$", Pattern.MULTILINE);
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("runlog", LabLayout.of("20.10", "20.10", "20.10").withSudoPassword("h2"));
    private static Path topology;
    private static Path launcher;
    private static Path state;
    private static String password;
    private static List<LabHost> hosts;

    @BeforeAll
    static void up() throws IOException {
        launcher = Path.of(System.getProperty("ovl.dist.dir", "target/ovl")).resolve("bin/ovl").toAbsolutePath();
        password = LAB.lab().sudoPassword();
        hosts = List.of(LAB.host("h1"), LAB.host("h2"), LAB.host("h3"));
        LabHost h2 = LAB.host("h2");
        String text = Files.readString(LAB.lab().topologyPath());
        String edited = text.replaceFirst("(?m)^  user: root$", "  user: ovl\n  become: sudo")
                .replace("  - name: " + h2.name() + "\n    address: " + h2.address() + "\n",
                        "  - name: " + h2.name() + "\n    address: " + h2.address() + "\n    ssh: {become-password-env: " + VAR + "}\n");
        assertEquals(1, edited.split("become-password-env", -1).length - 1, edited);
        topology = LAB.lab().stateDir().resolve("topology-runlog.yaml");
        Files.writeString(topology, edited);
        state = LAB.lab().stateDir().resolve("xdg-state");
    }

    @Test
    @Order(1)
    void initLeavesALogOfEveryRemoteCommandPerHostWithoutThePassword() throws Exception {
        Run init = ovl(Map.of(VAR, password), "init", "-f", topology.toString(), "--yes");
        assertEquals(0, init.exit, init.output);
        assertFalse(init.output.contains("ovl: log:"), "a run that succeeds does not point at its log: " + init.output);

        List<Path> logs = logs();
        assertEquals(1, logs.size(), logs.toString());
        Path log = logs.get(0);
        assertTrue(log.getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ-init-\\d+\\.log"), log.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
        String text = Files.readString(log);
        keep(log, "init");
        assertFalse(text.contains(password), "the sudo password is in the run log");
        assertTrue(text.startsWith("# ovl run log: init\n# command: ovl init -f " + topology + " --yes\n# topology: "
                + topology + "\n# started: "), text);
        assertTrue(text.contains("\n# ended: ") && text.contains(" exit 0 (ok) after "), text);

        List<String[]> steps = steps(text);
        for (LabHost h : hosts) {
            List<String[]> mine = steps.stream().filter(s -> s[0].equals(h.name())).toList();
            assertTrue(mine.size() >= 10, h.name() + " has " + mine.size() + " steps:\n" + text);
            // Every step has an outcome and, but for a command inside a batch, a duration.
            assertTrue(mine.stream().allMatch(s -> s[1].equals("batch") ? s[3].equals("-") : s[3].endsWith("ms")), text);
            // The fact batch, command by command, with exit statuses.
            assertTrue(mine.stream().anyMatch(s -> s[1].equals("batch") && s[4].startsWith("docker info")
                    && s[2].equals("exit=0")), h.name() + ":\n" + text);
            // The Docker API: method and path, its status, never a body.
            assertTrue(mine.stream().anyMatch(s -> s[1].equals("docker") && s[2].startsWith("http=")), h.name() + ":\n" + text);
        }
        // The overlay hosts' drop-in and restart, each with its exit status.
        for (LabHost h : List.of(LAB.host("h2"), LAB.host("h3"))) {
            assertTrue(steps.stream().anyMatch(s -> s[0].equals(h.name()) && s[1].equals("shell")
                    && s[4].contains("systemctl") && s[4].contains("restart") && s[2].equals("exit=0")), h.name() + ":\n" + text);
        }
        // A probe starts its listener and senders on channels of their own.
        assertTrue(steps.stream().anyMatch(s -> s[1].equals("start")), text);
    }

    @Test
    @Order(2)
    void aFailingRunPrintsItsLogsPathAndTheLogSaysWhy() throws Exception {
        String wrong = "not-" + password.replace('a', 'b') + "-wrong";
        Run r = ovl(Map.of(VAR, wrong), "reset", "-f", topology.toString(), "--yes");
        assertTrue(r.exit != 0, r.output);
        Matcher at = Pattern.compile("(?m)^ovl: log: (.+)$").matcher(r.output);
        assertTrue(at.find(), r.output);
        Path log = Path.of(at.group(1));
        assertTrue(Files.isRegularFile(log), log.toString());
        assertEquals(state.resolve("ovl/logs"), log.getParent());
        assertTrue(log.getFileName().toString().contains("-reset-"), log.toString());
        String text = Files.readString(log);
        keep(log, "failed-reset");
        assertFalse(text.contains(wrong), "the wrong password is in the run log");
        assertFalse(text.contains(password), "the password is in the run log");
        // The step that failed, on the host it failed on, with sudo's answer (never the password).
        assertTrue(Pattern.compile("(?m)^\\S+ " + LAB.host("h2").name() + " \\S+ failed .*\n  ! .*sudo refused the password from "
                + VAR).matcher(text).find(), text);
        assertTrue(text.contains(" exit " + r.exit + " ("), text);
        assertEquals(2, logs().size());
    }

    @Test
    @Order(3)
    void aChosenLogFileAndTheJsonEnvelope() throws Exception {
        Path chosen = LAB.lab().stateDir().resolve("ci-runlog.log");
        Run r = ovl(Map.of(VAR, password), "net", "verify", "labnet", "-f", topology.toString(), "--log-file",
                chosen.toString(), "--output", "json");
        assertEquals(0, r.exit, r.output);
        // stdout and stderr are one stream here: the document starts at the first "{" line.
        String json = r.output.substring(r.output.indexOf("\n{") + 1);
        assertEquals(chosen.toString(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("log").asText(),
                r.output);
        String text = Files.readString(chosen);
        assertTrue(text.startsWith("# ovl run log: net verify\n"), text);
        assertTrue(steps(text).stream().anyMatch(s -> s[1].equals("shell") && s[4].contains("docker")), text);
        assertFalse(text.contains(password), "the sudo password is in the run log");
        assertEquals(2, logs().size(), "--log-file writes nothing in the default directory");
    }

    // ---- helpers ----

    /** A copy in target/ to read after the lab is gone (the logs hold lab names and addresses only). */
    private static void keep(Path log, String what) throws IOException {
        Files.copy(log, Path.of("target", "RunLogLabIT-" + what + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String[]> steps(String text) {
        List<String[]> steps = new ArrayList<>();
        Matcher m = STEP.matcher(text);
        while (m.find()) {
            steps.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
        }
        return steps;
    }

    private static List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.list(state.resolve("ovl/logs"))) {
            return files.sorted().toList();
        }
    }

    private record Run(int exit, String output) {
    }

    /** bin/ovl with XDG_STATE_HOME in the lab's state and {@code env} added (VAR removed unless given), no terminal. */
    private static Run ovl(Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().put("NO_COLOR", "1");
        b.environment().put("XDG_STATE_HOME", state.toString());
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
}
