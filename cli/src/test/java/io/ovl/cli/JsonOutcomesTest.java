package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.core.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Every command, with {@code --output json}, ended every way that needs no real host: stdout is
 * exactly one JSON document in the envelope ({@link JsonReply}), its "exit" is the process's exit
 * code, and stderr has no stack trace. Unreachable hosts are a closed port on the loopback address
 * (refused at once), never an outside address.
 */
class JsonOutcomesTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    static Path dir;

    static Path kvUnreachable;
    static Path swarmUnreachable;
    static Path invalid;
    static Path unknownHost;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("known_hosts"), "");
        kvUnreachable = Files.writeString(dir.resolve("kv.yaml"), """
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
        swarmUnreachable = Files.writeString(dir.resolve("swarm.yaml"), """
                version: 1
                mode: swarm
                ssh:
                  user: root
                  port: 1
                  known-hosts: known_hosts
                  connect-timeout: 1s
                hosts:
                  - name: m1
                    address: 127.0.0.2
                    role: manager
                  - name: w1
                    address: 127.0.0.3
                """);
        invalid = Files.writeString(dir.resolve("invalid.yaml"), "mode: kv\nhosts:\n  - name: a\n    adress: 198.18.0.1\n");
        unknownHost = Files.writeString(dir.resolve("unknown-host.yaml"), """
                version: 1
                mode: kv
                kv-store:
                  backend: etcd
                  hosts: [nosuch]
                hosts:
                  - name: h1
                    address: 198.18.0.1
                """);
    }

    static Stream<Arguments> outcomes() {
        String missing = dir.resolve("missing.yaml").toString();
        return Stream.of(
                // validate
                outcome(0, "validate", "-f", Path.of(Cli.example("swarm.yaml")).toAbsolutePath().toString()),
                outcome(2, "validate", "-f", "@invalid"),
                outcome(2, "validate", "-f", "@unknown-host"),
                outcome(2, "validate", "-f", missing),
                outcome(2, "validate", "-f", "@kv", "--bogus"),
                outcome(0, "validate", "--help"),
                // doctor
                outcome(3, "doctor", "-f", "@kv", "--no-probe"),
                outcome(3, "doctor", "-f", "@swarm", "--no-probe"),
                outcome(2, "doctor", "-f", "@invalid"),
                outcome(2, "doctor", "-f", missing),
                outcome(2, "doctor", "-f", "@kv", "--parallel", "0"),
                outcome(2, "doctor", "-f", "@kv", "--ignore", "no.such.check"),
                // init
                outcome(3, "init", "-f", "@kv", "--dry-run", "--skip-checks"),
                outcome(3, "init", "-f", "@kv", "--skip-checks"),
                outcome(3, "init", "-f", "@swarm", "--dry-run", "--skip-checks"),
                outcome(3, "init", "-f", "@swarm", "--skip-checks"),
                outcome(2, "init", "-f", "@unknown-host", "--dry-run"),
                outcome(2, "init", "-f", "@kv", "--force"),
                outcome(2, "init", "-f", missing),
                outcome(2, "init", "-f", "@kv", "--parallel", "x"),
                // reset
                outcome(3, "reset", "-f", "@kv", "--dry-run"),
                outcome(3, "reset", "-f", "@kv"),
                outcome(3, "reset", "-f", "@swarm", "--dry-run"),
                outcome(2, "reset", "-f", "@invalid"),
                // net create
                outcome(0, "net", "create", "web", "--subnet", "10.0.0.0/24", "--dry-run"),
                outcome(2, "net", "create", "web", "--subnet", "10.0.0.0/24", "--ip-range", "10.1.0.0/25", "--dry-run"),
                outcome(2, "net", "create", "web", "--subnet", "10.0.0.300/24"),
                outcome(2, "net", "create", "web", "--opt", "nosuch"),
                outcome(2, "net", "create", "web", "--subnet", "10.0.0.0/24", "--wait", "-1"),
                outcome(2, "net", "create", "web", "--subnet", "10.0.0.0/24", "-f", missing),
                outcome(3, "net", "create", "web", "--subnet", "10.0.0.0/24", "-f", "@kv"),
                outcome(3, "net", "create", "web", "--subnet", "10.0.0.0/24", "-f", "@swarm"),
                // net ls, inspect, rm, verify
                outcome(3, "net", "ls", "-f", "@kv"),
                outcome(3, "net", "ls", "-f", "@swarm"),
                outcome(2, "net", "ls", "-f", "@invalid"),
                outcome(3, "net", "inspect", "web", "-f", "@kv"),
                outcome(2, "net", "inspect", "-bad name", "-f", "@kv"),
                outcome(3, "net", "rm", "web", "-f", "@kv"),
                outcome(2, "net", "rm", "-f", "@kv"),
                outcome(3, "net", "verify", "web", "-f", "@kv"),
                outcome(2, "net", "verify", "web", "-f", "@unknown-host"),
                // migrate
                outcome(2, "migrate", "-f", "@kv", "--dry-run"),
                outcome(3, "migrate", "-f", "@swarm", "--dry-run"),
                outcome(3, "migrate", "-f", "@swarm", "--yes"),
                outcome(2, "migrate", "-f", missing),
                // commands without --output of their own, the root, help
                // store
                outcome(2, "store", "status", "-f", "@kv"), // kv-store.url: a store ovl does not run
                outcome(2, "store", "status", "-f", "@swarm"),
                outcome(2, "store", "backup", dir.resolve("backup.zip").toString(), "-f", "@kv"),
                outcome(2, "store", "backup", dir.resolve("no-such-dir").resolve("b.zip").toString(), "-f", "@kv"),
                outcome(2, "store", "restore", missing, "-f", "@kv"),
                outcome(2, "completion", "bash", "--output", "json"),
                outcome(2, "completion", "fish"),
                outcome(2, "shell", "-f", "@kv"),
                outcome(2, "nosuch"),
                outcome(2),
                outcome(2, "net", "nosuch"));
    }

    /** The arguments, "@name" standing for that test topology, with --output json added unless present. */
    private static Arguments outcome(int exit, String... args) {
        return Arguments.of(exit, args);
    }

    private static String[] resolve(String[] args) {
        Stream<String> resolved = Stream.of(args).map(a -> switch (a) {
            case "@kv" -> kvUnreachable.toString();
            case "@swarm" -> swarmUnreachable.toString();
            case "@invalid" -> invalid.toString();
            case "@unknown-host" -> unknownHost.toString();
            default -> a;
        });
        return Stream.of(args).anyMatch(a -> a.equals("--output")) ? resolved.toArray(String[]::new)
                : Stream.concat(resolved, Stream.of("--output", "json")).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("outcomes")
    void everyOutcomeIsOneJsonDocumentWithTheExitCode(int exit, String[] args) throws IOException {
        String[] full = resolve(args);
        Cli.Run r = Cli.run(new CliEnvironment(Map.of(), dir, false), full);
        JsonNode doc = assertOneDocument(r);
        assertEquals(exit, r.exit(), String.join(" ", full) + "\n" + r.out() + r.err());
        String command = args.length == 0 || args[0].startsWith("-") || args[0].equals("nosuch") ? null
                : (args[0].equals("net") || args[0].equals("store")) && args.length > 1 && !args[1].equals("nosuch")
                ? args[0] + " " + args[1] : args[0];
        assertEquals(command, doc.get("command").isNull() ? null : doc.get("command").asText(), r.out());
    }

    @Test
    void anInvalidTopologyNamesTheFirstErrorsFileLineAndColumnAndListsEveryProblem() throws IOException {
        Cli.Run r = Cli.run("init", "-f", invalid.toString(), "--output", "json");
        JsonNode failure = assertOneDocument(r).get("failure");
        assertEquals(2, r.exit());
        assertEquals("usage", failure.get("kind").asText());
        assertEquals(invalid.toString(), failure.get("file").asText());
        JsonNode first = failure.get("problems").get(0);
        assertEquals(first.get("line"), failure.get("line"), failure.toString());
        assertEquals(first.get("column"), failure.get("column"), failure.toString());
        assertTrue(failure.get("message").asText().startsWith(invalid + ":" + first.get("line") + ":"), failure.toString());
        assertTrue(failure.toString().contains("hosts[0].adress"), failure.toString());
        // The human line is still on stderr.
        assertTrue(r.err().startsWith("ovl: " + invalid), r.err());
    }

    @Test
    void aFailureOnAHostNamesIt() throws IOException {
        Cli.Run r = Cli.run("net", "ls", "-f", kvUnreachable.toString(), "--output", "json");
        JsonNode doc = assertOneDocument(r);
        assertEquals(3, r.exit());
        assertEquals("[\"h1\",\"h2\"]", doc.get("failure").get("hosts").toString());
        // The command's own document is still there, its keys unchanged.
        assertTrue(doc.get("unreadable").has("h1") && doc.get("unreadable").has("h2"), r.out());
        assertTrue(doc.get("networks").isArray(), r.out());
    }

    @Test
    void aRefusedPlanIsOneDocumentWithThePlanAndTheFailure() throws IOException {
        Cli.Run r = Cli.run("init", "-f", kvUnreachable.toString(), "--dry-run", "--output", "json");
        JsonNode doc = assertOneDocument(r);
        assertEquals(3, r.exit());
        assertTrue(doc.get("dry-run").asBoolean());
        assertTrue(doc.has("plan"), r.out());
        assertEquals("checks-failed", doc.get("failure").get("kind").asText());
    }

    @Test
    void helpInJsonModeIsTheUsageText() throws IOException {
        Cli.Run r = Cli.run("net", "ls", "--help", "--output", "json");
        JsonNode doc = assertOneDocument(r);
        assertEquals(0, r.exit());
        assertTrue(doc.get("help").asText().startsWith("Usage: ovl net ls"), doc.toString());
    }

    @Test
    void textModeIsUnchangedNoJsonAnywhere() {
        Cli.Run r = Cli.run("net", "ls", "-f", kvUnreachable.toString());
        assertEquals(3, r.exit());
        assertFalse(r.out().contains("\"envelope\""), r.out());
        Cli.Run bad = Cli.run("validate", "--bogus");
        assertEquals(2, bad.exit());
        assertEquals("", bad.out());
    }

    /** A bug in a command: exit 1, kind "internal", the message, no stack trace without --verbose. */
    @Test
    void anInternalErrorIsOneDocumentToo() throws IOException {
        CommandLine cl = OvlCommand.newCommandLine(new CliEnvironment(Map.of(), dir, false));
        cl.addSubcommand(new Boom());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Cli.Run r = new Cli.Run(cl.execute("boom", "--output", "json"), out.toString(), err.toString());
        JsonNode doc = assertOneDocument(r);
        assertEquals(1, r.exit());
        assertEquals("boom", doc.get("command").asText());
        assertEquals("internal", doc.get("failure").get("kind").asText());
        assertEquals("internal error: a bug", doc.get("failure").get("message").asText());
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    /** Exactly one document on stdout, in the envelope, agreeing with the exit code; no stack trace on stderr. */
    static JsonNode assertOneDocument(Cli.Run r) throws IOException {
        JsonNode doc;
        try {
            doc = STRICT.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + r.out() + r.err(), e);
        }
        assertTrue(doc != null && doc.isObject(), r.out());
        assertEquals(JsonReply.ENVELOPE, doc.get("envelope").asText(), r.out());
        assertEquals(r.exit(), doc.get("exit").asInt(), r.out());
        assertEquals(r.exit() == 0, doc.get("ok").asBoolean(), r.out());
        if (r.exit() == 0) {
            assertTrue(doc.get("failure").isNull(), r.out());
        } else {
            JsonNode failure = doc.get("failure");
            assertEquals(ExitCode.of(r.exit()).key(), failure.get("kind").asText(), r.out());
            assertFalse(failure.get("message").asText().isBlank(), r.out());
            assertTrue(failure.get("hosts").isArray() && failure.get("problems").isArray(), r.out());
            assertTrue(failure.has("file") && failure.has("line") && failure.has("column"), r.out());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        return doc;
    }
}
