package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.doctor.Checks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ovl doctor} through the real CommandLine, with captured stdout and stderr. Hosts are on
 * loopback addresses with a closed port, so SSH really fails to connect (fast, no lab needed);
 * a healthy lab is DoctorLabIT's job.
 */
class DoctorCommandTest {
    @TempDir
    Path dir;

    static Cli.Run run(String... args) {
        return Cli.run(args);
    }

    private Path unreachableTopology() throws IOException {
        Files.writeString(dir.resolve("known_hosts"), "");
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, """
                version: 1
                mode: swarm
                ssh:
                  user: root
                  port: 1
                  known-hosts: known_hosts
                  connect-timeout: 5s
                hosts:
                  - name: alpha
                    address: 127.0.0.2
                  - name: beta
                    address: 127.0.0.3
                """);
        return file;
    }

    @Test
    void unreachableHostsFailSshReachableAndExit3() throws IOException {
        Cli.Run r = run("doctor", "-f", unreachableTopology().toString(), "--no-probe");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.out().contains("ssh.reachable"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  FAIL  alpha") && l.contains("127.0.0.2")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  SKIP  beta")), r.out());
        assertTrue(r.out().contains("doctor: FAILED: 0 passed, 0 warnings, 2 failed"), r.out());
        // Not a terminal: no ANSI escapes.
        assertFalse(r.out().contains("\u001b["), r.out());
        // Progress goes to stderr, never into the report.
        assertTrue(r.err().contains("doctor: alpha: not reached"), r.err());
    }

    @Test
    void jsonHasTheDocumentedShape() throws IOException {
        Cli.Run r = run("doctor", "-f", unreachableTopology().toString(), "--no-probe", "--output", "json");
        assertEquals(3, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        // The envelope of every command first (JsonReply), then doctor's own keys; its "ok" is the envelope's.
        assertEquals(List.of("envelope", "command", "ok", "exit", "failure", "log", "schema", "topology", "summary", "hosts",
                "checks"), fieldNames(root));
        assertEquals(3, root.get("exit").asInt());
        assertEquals("checks-failed", root.get("failure").get("kind").asText());
        assertEquals("ovl.doctor/v1", root.get("schema").asText());
        assertFalse(root.get("ok").asBoolean());
        assertEquals(List.of("pass", "warn", "fail", "skip", "ignored"), fieldNames(root.get("summary")));
        assertEquals(2, root.get("summary").get("fail").asInt());
        assertEquals("[\"alpha\",\"beta\"]", root.get("hosts").toString());
        List<String> names = new ArrayList<>();
        root.get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertEquals(Checks.names(), names);
        JsonNode ssh = root.get("checks").get(0);
        assertEquals(List.of("name", "severity", "description", "results"), fieldNames(ssh));
        JsonNode alpha = ssh.get("results").get(0);
        assertEquals(List.of("host", "status", "message", "hint", "ignored"), fieldNames(alpha));
        assertEquals("alpha", alpha.get("host").asText());
        assertEquals("fail", alpha.get("status").asText());
        assertTrue(alpha.get("hint").isTextual());
        assertEquals("", r.err(), "no progress noise in JSON mode");
    }

    @Test
    void ignoringTheFailingCheckExits0AndStillReportsIt() throws IOException {
        Cli.Run r = run("doctor", "-f", unreachableTopology().toString(), "--no-probe", "--output", "json",
                "--ignore", "ssh.reachable");
        assertEquals(0, r.exit(), r.out());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(root.get("ok").asBoolean());
        assertEquals(2, root.get("summary").get("ignored").asInt());
        JsonNode alpha = root.get("checks").get(0).get("results").get(0);
        assertEquals("warn", alpha.get("status").asText());
        assertTrue(alpha.get("ignored").asBoolean());

        Cli.Run all = run("doctor", "-f", unreachableTopology().toString(), "--no-probe", "--ignore", "all");
        assertEquals(0, all.exit(), all.out());
        assertTrue(all.out().contains("(failure ignored by --ignore)"), all.out());
        assertTrue(all.out().contains("doctor: OK:"), all.out());
    }

    @Test
    void anUnknownCheckNameInIgnoreIsAUsageError() throws IOException {
        Cli.Run r = run("doctor", "-f", unreachableTopology().toString(), "--ignore", "kernel.versoin");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ovl: --ignore: no check is named 'kernel.versoin'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anInvalidTopologyExits2WithEveryProblem() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                version: 1
                mode: swarm
                hosts:
                  - name: a
                    adress: 198.18.0.1
                """);
        Cli.Run r = run("doctor", "-f", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.yaml:5:"), r.err());
        assertTrue(r.err().contains("topology is not valid"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingTopologyFileIsAUsageError() {
        Cli.Run r = run("doctor", "-f", dir.resolve("nope.yaml").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() throws IOException {
        String file = unreachableTopology().toString();
        Cli.Run terminal = Cli.run(new CliEnvironment(Map.of(), Path.of(""), true), "doctor", "-f", file, "--no-probe");
        assertTrue(terminal.out().contains("\u001b[31mFAIL\u001b[0m"), terminal.out());
        Cli.Run noColor = Cli.run(new CliEnvironment(Map.of("NO_COLOR", "1"), Path.of(""), true), "doctor", "-f", file,
                "--no-probe");
        assertFalse(noColor.out().contains("\u001b["), noColor.out());
        Cli.Run json = Cli.run(new CliEnvironment(Map.of(), Path.of(""), true), "doctor", "-f", file, "--no-probe",
                "--output", "json");
        assertFalse(json.out().contains("\u001b["), json.out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
