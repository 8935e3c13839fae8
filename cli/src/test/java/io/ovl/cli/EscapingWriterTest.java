package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscapingWriterTest {
    @TempDir
    Path dir;

    @Test
    void controlsAreShownEscapedAndTextStays() {
        assertEquals("a\\u001b[2Jb\\u0007\\u0000\\u007f\\u009b\\u202e\\u2066z", EscapingWriter.escape("a\u001b[2Jb\u0007\u0000\u007f\u009b\u202e\u2066z"));
        assertEquals("line\n\tindented\\u000d\nnext", EscapingWriter.escape("line\n\tindented\r\nnext"));
        assertEquals("over\\u000dwrite", EscapingWriter.escape("over\rwrite"));
        assertEquals("trailing\\u000d", EscapingWriter.escape("trailing\r"));
        assertEquals("héllo ✓ 日本 \uD83D\uDE00 \\ \"'$(x)`", EscapingWriter.escape("héllo ✓ 日本 \uD83D\uDE00 \\ \"'$(x)`"));
    }

    @Test
    void styleMarkersBecomeColourButForgedOnesDoNot() {
        Style style = new Style(true);
        String painted = style.error("bad") + " " + style.ok("fine");
        assertEquals("\u001b[31mbad\u001b[0m \u001b[32mfine\u001b[0m", EscapingWriter.escape(painted));
        // A private-use character (the start of a marker) without the secret is plain text.
        assertEquals("\uE000\uE010x", EscapingWriter.escape("\uE000\uE010x"));
        assertEquals("\uE000\uE000", EscapingWriter.escape("\uE000\uE000"));
        assertEquals("plain", EscapingWriter.escape(new Style(false).error("plain")));
    }

    @Test
    void markersSplitAcrossWritesStillWork() {
        StringWriter sink = new StringWriter();
        PrintWriter w = EscapingWriter.guard(sink);
        String marker = new Style(true).ok("x");
        for (char c : marker.toCharArray()) {
            w.write(c);
        }
        w.flush();
        assertEquals("\u001b[32mx\u001b[0m", sink.toString());
    }

    @Test
    void guardingTwiceIsOneFilter() {
        PrintWriter once = EscapingWriter.guard(new StringWriter());
        assertSame(once, EscapingWriter.guard(once));
    }

    @Test
    void aHostileKeyIsEscapedInTextAndJsonStaysTheSameValue() throws Exception {
        Path f = dir.resolve("t.yaml");
        String key = "x\u001b]0;pwned\u0007\u009b2J\u202e";
        Files.writeString(f, "hosts: [{name: a, address: b, \"" + key.replace("\u001b", "\\e").replace("\u0007", "\\a").replace("\u009b", "\\x9b").replace("\u202e", "\\u202e") + "\": 1}]\n");
        Cli.Run r = Cli.run("validate", "-f", f.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("x\\u001b]0;pwned\\u0007\\u009b2J\\u202e"), r.out());
        assertClean(r.out() + r.err());
        Cli.Run json = Cli.run("validate", "-f", f.toString(), "--output", "json");
        assertClean(json.out() + json.err());
        String text = new ObjectMapper().readTree(json.out()).toString();
        assertTrue(new ObjectMapper().readTree(json.out()).get("problems").toString().contains("pwned"), text);
        assertTrue(new ObjectMapper().readTree(json.out()).findValuesAsText("path").stream().anyMatch(m -> m.contains(key)), text);
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "hosts: [{name: a}]\n");
        Cli.Run tty = Cli.run(new CliEnvironment(Map.of(), Path.of(""), true), "validate", "-f", f.toString());
        assertTrue(tty.out().contains("\u001b[31m"), tty.out());
        assertFalse(tty.out().contains("\uE000"), tty.out());
        Cli.Run noColor = Cli.run(new CliEnvironment(Map.of("NO_COLOR", "1"), Path.of(""), true), "validate", "-f", f.toString());
        assertClean(noColor.out() + noColor.err());
        assertFalse(noColor.out().contains("\uE000"), noColor.out());
    }

    @Test
    void helpIsColouredOnlyOnATerminalWithoutNoColorAndNeverShowsAnEscapedEsc() {
        Cli.Run tty = Cli.run(new CliEnvironment(Map.of(), Path.of(""), true), "validate", "--help");
        assertEquals(0, tty.exit());
        assertTrue(tty.out().contains("\u001b[1movl validate\u001b[22m"), tty.out());
        assertTrue(tty.out().contains("\u001b[33m--output\u001b[39m"), tty.out());
        assertFalse(tty.out().contains("\\u001b"), tty.out());
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("NO_COLOR", "1"))) {
            Cli.Run plain = Cli.run(new CliEnvironment(env, Path.of(""), !env.isEmpty()), "validate", "--help");
            assertClean(plain.out() + plain.err());
            assertFalse(plain.out().contains("\\u001b") || plain.out().contains("\uE000"), plain.out());
        }
    }

    @Test
    void aHostileArgumentQuotedBackByPicocliIsEscaped() {
        Cli.Run r = Cli.run("validate", "--nope\u001b[2J");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\\u001b[2J"), r.err());
        assertClean(r.out() + r.err());
    }

    @Test
    void picocliWarningsDoNotGoPastTheGuardToSystemErr() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        // The tracer holds the System.err of its start-up; it is off, so nothing reaches either.
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            Cli.Run r = Cli.run("net", "create", "web2", "-f", "nope.yaml", "--dry-run", "--aux-address", "a=\"\u001b[2J");
            assertClean(r.out() + r.err());
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString());
        assertTrue(picocli.CommandLine.tracer().isOff());
    }

    static void assertClean(String s) {
        s.chars().filter(EscapingWriter::unsafe).findFirst()
                .ifPresent(c -> { throw new AssertionError(String.format("raw U+%04X in: %s", c, EscapingWriter.escape(s))); });
    }
}
