package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    static final String INVALID = """
            mode: swarm
            hosts:
              - name: node1
                adress: 198.18.0.11
            networks:
              - {name: web, subnet: 172.16.16.5/24}
            """;

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void everyExampleIsValid() {
        for (String name : List.of("guide-consul.yaml", "etcd-cluster.yaml", "swarm.yaml")) {
            Cli.Run r = Cli.run("validate", "-f", Cli.example(name));
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals(Cli.example(name) + ": valid\n", r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void invalidFileListsEveryProblemOnePerLineAndExits2() throws Exception {
        Path f = write("t.yaml", INVALID);
        Cli.Run r = Cli.run("validate", "-f", f.toString());
        assertEquals(2, r.exit());
        assertEquals(f + ":3:5: hosts[0].address: missing address; add 'address:' with the IP, DNS name or ~/.ssh/config alias SSH connects to\n"
                + f + ":4:5: hosts[0].adress: unknown key; did you mean 'address'?\n"
                + f + ":6:25: networks[0].subnet: 172.16.16.5/24 is not a network address (host bits are set); did you mean 172.16.16.0/24?\n"
                + f + ": invalid: 3 errors, 0 warnings\n", r.out());
        assertFalse(r.out().contains("\u001b["), "no colour when stdout is not a terminal");
    }

    @Test
    void warningsAreShownAndTheFileStaysValid() throws Exception {
        Path f = write("t.yaml", "mode: kv\nkv-store: {url: 'consul://198.18.0.5:8500'}\nswarm: {}\nhosts: [{name: a, address: b}]\n");
        Cli.Run r = Cli.run("validate", "-f", f.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith(f + ":3:1: warning: swarm: ignored in mode kv"), r.out());
        assertTrue(r.out().endsWith(f + ": valid (1 warning)\n"), r.out());
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Path f = write("t.yaml", INVALID);
        Cli.Run r = Cli.run("validate", "-f", f.toString(), "--output", "json");
        assertEquals(2, r.exit());
        JsonNode root = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        // The envelope of every command first (JsonReply), then validate's own keys.
        assertEquals(List.of("envelope", "command", "ok", "exit", "failure", "log", "file", "valid", "problems"), keys);
        assertEquals(2, root.get("exit").asInt());
        assertEquals("usage", root.get("failure").get("kind").asText());
        assertEquals(f.toString(), root.get("file").asText());
        assertFalse(root.get("valid").asBoolean());
        JsonNode p = root.get("problems").get(1);
        List<String> pkeys = new ArrayList<>();
        p.fieldNames().forEachRemaining(pkeys::add);
        assertEquals(List.of("severity", "line", "column", "path", "message", "hint"), pkeys);
        assertEquals("error", p.get("severity").asText());
        assertEquals(4, p.get("line").asInt());
        assertEquals(5, p.get("column").asInt());
        assertEquals("hosts[0].adress", p.get("path").asText());
        assertEquals("unknown key", p.get("message").asText());
        assertEquals("did you mean 'address'?", p.get("hint").asText());
    }

    @Test
    void jsonOfAValidFileHasNoProblemsAndNullHintsAreNull() throws Exception {
        Cli.Run r = Cli.run("validate", "-f", Cli.example("swarm.yaml"), "--output", "json");
        assertEquals(0, r.exit());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(root.get("valid").asBoolean());
        assertEquals(0, root.get("problems").size());
        Path f = write("t.yaml", "mode: swarm\nhosts: [{name: a, address: b}, {name: c, address: b}]\n");
        JsonNode dup = new ObjectMapper().readTree(Cli.run("validate", "-f", f.toString(), "--output", "json").out());
        assertTrue(dup.get("problems").get(0).has("hint"));
    }

    @Test
    void findsTheFileThroughTheEnvironmentThenTheWorkingDirectory() throws Exception {
        write("topology.yaml", "mode: swarm\nhosts: [{name: a, address: b}]\n");
        Path other = write("other.yaml", "mode: swarm\nhosts: [{name: a, address: b}]\nfoo: 1\n");
        Cli.Run fromDir = Cli.run(new CliEnvironment(Map.of(), dir, false), "validate");
        assertEquals(0, fromDir.exit(), fromDir.out() + fromDir.err());
        assertTrue(fromDir.out().startsWith(dir.resolve("topology.yaml") + ": valid"), fromDir.out());
        Cli.Run fromEnv = Cli.run(new CliEnvironment(Map.of("OVL_TOPOLOGY", other.toString()), dir, false), "validate");
        assertEquals(2, fromEnv.exit());
        assertTrue(fromEnv.out().contains("foo: unknown key"), fromEnv.out());
    }

    @Test
    void noFileSaysWhatWasTried() {
        Cli.Run r = Cli.run(new CliEnvironment(Map.of(), dir, false), "validate");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ovl: no topology file found; tried: -f FILE (not given), $OVL_TOPOLOGY (not set), "
                + dir.resolve("topology.yaml") + " (does not exist)"), r.err());
        assertEquals(1, r.err().lines().count(), "one line on stderr, no stack trace: " + r.err());
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() throws Exception {
        Path f = write("t.yaml", INVALID);
        Cli.Run tty = Cli.run(new CliEnvironment(Map.of(), Path.of(""), true), "validate", "-f", f.toString());
        assertTrue(tty.out().contains("\u001b[31m"), tty.out());
        Cli.Run noColor = Cli.run(new CliEnvironment(Map.of("NO_COLOR", "1"), Path.of(""), true), "validate", "-f", f.toString());
        assertFalse(noColor.out().contains("\u001b["), noColor.out());
        Cli.Run json = Cli.run(new CliEnvironment(Map.of(), Path.of(""), true), "validate", "-f", f.toString(), "--output", "json");
        assertFalse(json.out().contains("\u001b["), "JSON is never coloured");
    }

    @Test
    void verboseIsAcceptedAndReachesTheErrorHandler() {
        assertEquals(0, Cli.run("validate", "--verbose", "-f", Cli.example("swarm.yaml")).exit());
        Cli.Run quiet = Cli.run("validate", "-f", dir.resolve("nope.yaml").toString());
        assertEquals(1, quiet.err().lines().count(), quiet.err());
        Cli.Run verbose = Cli.run("validate", "--verbose", "-f", dir.resolve("nope.yaml").toString());
        assertEquals(2, verbose.exit());
        assertTrue(verbose.err().contains("at io.ovl.topology.TopologyLocator"), "stack trace with --verbose: " + verbose.err());
    }

    @Test
    void badOutputFormatIsAUsageError() {
        Cli.Run r = Cli.run("validate", "--output", "yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--output"), r.err());
    }

    @Test
    void helpTeachesWithExamples() {
        Cli.Run r = Cli.run("validate", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Check a topology file offline and report every problem in it."), r.out());
        assertTrue(r.out().contains("Examples:"), r.out());
        assertTrue(r.out().contains("ovl validate -f examples/swarm.yaml"), r.out());
        assertTrue(r.out().contains("--output"), r.out());
        assertTrue(r.out().contains("--verbose"), r.out());
    }
}
