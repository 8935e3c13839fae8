package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run log through the real command tree: which runs write one and where, what its head and
 * end say, and that a failed run names it on stderr and in the JSON envelope. The hosts are a
 * closed port on the loopback address (refused at once).
 */
class RunLogCommandTest {
    @TempDir
    Path dir;

    Path topology;
    Path state;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("known_hosts"), "");
        topology = Files.writeString(dir.resolve("kv.yaml"), """
                version: 1
                mode: kv
                kv-store:
                  backend: etcd
                  url: etcd://127.0.0.1:1
                ssh:
                  user: root
                  port: 1
                  known-hosts: known_hosts
                  connect-timeout: 1s
                hosts:
                  - name: h1
                    address: 127.0.0.2
                  - name: h2
                    address: 127.0.0.3
                """);
        state = dir.resolve("state");
    }

    private Cli.Run run(String... args) {
        return Cli.run(new CliEnvironment(Map.of("XDG_STATE_HOME", state.toString(), "HOME", dir.resolve("home").toString()),
                Path.of(""), false), args);
    }

    private List<Path> logs() throws IOException {
        Path logs = state.resolve("ovl/logs");
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aFailedChangingRunWritesItsLogAndPrintsItsPathLast() throws IOException {
        Cli.Run r = run("init", "-f", topology.toString(), "--yes");
        assertEquals(3, r.exit(), r.err());
        List<Path> logs = logs();
        assertEquals(1, logs.size(), logs.toString());
        Path log = logs.get(0);
        assertTrue(log.getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ-init-\\d+\\.log"), log.toString());
        List<String> err = r.err().lines().toList();
        assertEquals("ovl: log: " + log, err.get(err.size() - 1), r.err());
        assertTrue(err.get(err.size() - 2).startsWith("ovl: "), r.err());
        String text = Files.readString(log);
        assertTrue(text.startsWith("# ovl run log: init\n# command: ovl init -f " + topology + " --yes\n# topology: "
                + topology.toAbsolutePath() + "\n# started: "), text);
        assertTrue(text.contains("\n# error: "), text);
        assertTrue(text.contains(" exit 3 (checks-failed) after "), text);
    }

    @Test
    void theJsonEnvelopeNamesTheLog() throws IOException {
        Cli.Run r = run("reset", "-f", topology.toString(), "--output", "json");
        assertEquals(3, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(logs().get(0).toString(), root.get("log").asText());
        assertTrue(logs().get(0).getFileName().toString().contains("-reset-"));
        assertTrue(r.err().contains("ovl: log: " + logs().get(0)), r.err());
    }

    @Test
    void readOnlyCommandsWriteNoneUnlessAskedAndTheEnvelopeSaysNull() throws IOException {
        Cli.Run r = run("validate", "-f", topology.toString(), "--output", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(new ObjectMapper().readTree(r.out()).get("log").isNull(), r.out());
        assertEquals(List.of(), logs());

        Path chosen = dir.resolve("mine.log");
        r = run("doctor", "-f", topology.toString(), "--no-probe", "--log-file", chosen.toString());
        assertEquals(3, r.exit(), r.err());
        assertTrue(Files.readString(chosen).contains("# ovl run log: doctor"));
        assertTrue(r.err().endsWith("ovl: log: " + chosen + System.lineSeparator()), r.err());
        assertEquals(List.of(), logs());
    }

    @Test
    void logFileAndNoLogChooseAndCannotBeCombined() throws IOException {
        Path chosen = dir.resolve("ci.log");
        // Given before the command (global) or after it: the same option.
        assertEquals(3, run("--log-file", chosen.toString(), "net", "rm", "-f", topology.toString(), "n1").exit());
        assertEquals(3, run("init", "-f", topology.toString(), "--log-file", chosen.toString()).exit());
        String text = Files.readString(chosen);
        assertTrue(text.contains("# ovl run log: net rm\n"), text);
        assertTrue(text.contains("# ovl run log: init\n"), text);
        assertEquals(List.of(), logs());

        Cli.Run r = run("init", "-f", topology.toString(), "--no-log");
        assertEquals(3, r.exit());
        assertFalse(r.err().contains("ovl: log:"), r.err());
        assertEquals(List.of(), logs());

        r = run("init", "-f", topology.toString(), "--no-log", "--log-file", chosen.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--log-file and --no-log cannot be used together"), r.err());
    }

    @Test
    void aLogFileThatCannotBeWrittenIsAUsageErrorBeforeAnyHostIsContacted() {
        Path nowhere = dir.resolve("no/such/dir/x.log");
        Cli.Run r = run("init", "-f", topology.toString(), "--log-file", nowhere.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("ovl: --log-file " + nowhere + ": cannot write it: "), r.err());
        assertFalse(r.err().contains("h1"), r.err());
    }

    @Test
    void withNeitherXdgStateHomeNorHomeThereIsNoDefaultLog() {
        Cli.Run r = Cli.run("init", "-f", topology.toString());
        assertEquals(3, r.exit());
        assertFalse(r.err().contains("ovl: log:"), r.err());
    }

    @Test
    void aSuccessfulRunSaysNothingOfItsLog() throws IOException {
        Path chosen = dir.resolve("ok.log");
        Cli.Run r = run("validate", "-f", topology.toString(), "--log-file", chosen.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("ovl: log:"), r.err());
        assertTrue(Files.readString(chosen).contains(" exit 0 (ok) after "));
    }

    @Test
    void helpWritesNoLog() throws IOException {
        assertEquals(0, run("init", "--help").exit());
        assertEquals(List.of(), logs());
        assertTrue(run("init", "--help").out().contains("--log-file"));
    }

    @Test
    void theCommandLineInTheLogIsRedacted() throws IOException {
        Path chosen = dir.resolve("r.log");
        run("validate", "-f", topology.toString(), "--log-file", chosen.toString(), "--token=abc123");
        // An unknown option fails before the run: no log. A value that looks secret in a known place:
        run("net", "create", "-f", topology.toString(), "--label", "api_token=abc123", "--dry-run",
                "--log-file", chosen.toString(), "n1");
        String text = Files.readString(chosen);
        assertFalse(text.contains("abc123"), text);
        assertTrue(text.contains("'api_token=<redacted>'"), text);
    }
}
