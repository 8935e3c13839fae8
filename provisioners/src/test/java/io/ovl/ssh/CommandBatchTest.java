package io.ovl.ssh;

import io.ovl.core.OvlException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The batch script and the splitting of its answer. Pure tests build answers by hand; the
 * {@code realShell...} test runs the script with this machine's {@code dash} and {@code bash}
 * (locally, no SSH), which is what makes the hand-built framing trustworthy.
 */
class CommandBatchTest {
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private static final String OTHER = "ffffffffffffffffffffffffffffffff";

    private static final RemoteCommand ECHO = RemoteCommand.of("echo", "hello");
    private static final RemoteCommand FAILS = RemoteCommand.script("echo partial; echo 'it broke' >&2; exit 3");
    /** Output that looks like frames: one of another batch, one with this batch's prefix but no nonce. */
    private static final RemoteCommand IMPOSTOR = RemoteCommand.of("printf", "%s",
            "before\nova-batch-x\novl-batch-" + OTHER + " 1 0\novl-batch- 1 0\n\novl-batch-" + OTHER + " start\nafter");
    private static final RemoteCommand NO_NEWLINE = RemoteCommand.of("printf", "%s", "no newline at the end");

    @Test
    void theRequestIsAFixedCommandLineWithTheScriptOnStdin() {
        CommandBatch batch = CommandBatch.of(List.of(ECHO, FAILS), NONCE);
        RemoteCommand request = batch.request();
        assertEquals(List.of("sh", "-s"), request.argv());
        String script = new String(request.stdin().orElseThrow(), StandardCharsets.UTF_8);
        // Each command exactly as it would be sent alone (quoted argument by argument), reading /dev/null.
        assertTrue(script.contains(ECHO.toShellString() + " </dev/null\n"), script);
        assertTrue(script.contains(FAILS.toShellString() + " </dev/null\n"), script);
        assertFalse(request.toShellString().contains(NONCE), "the marker never appears on the command line");
    }

    @Test
    void hostileArgumentsStayQuotedInTheScript() {
        for (String value : RemoteCommandTest.HOSTILE) {
            RemoteCommand c = RemoteCommand.of("printf", "%s", value);
            String script = new String(CommandBatch.of(List.of(c), NONCE).request().stdin().orElseThrow(),
                    StandardCharsets.UTF_8);
            assertTrue(script.contains("printf %s " + RemoteCommand.quote(value) + " </dev/null"), value);
        }
    }

    @Test
    void aBatchedCommandCannotTakeStdin() {
        assertThrows(IllegalArgumentException.class,
                () -> CommandBatch.of(List.of(ECHO.withStdin(new byte[] {1})), NONCE));
        assertThrows(IllegalArgumentException.class, () -> CommandBatch.of(List.of(ECHO), "not-hex; rm -rf /"));
    }

    @Test
    void randomMarkersDiffer() {
        assertNotEquals(CommandBatch.of(List.of(ECHO)).marker(), CommandBatch.of(List.of(ECHO)).marker());
    }

    @Test
    void splitsAnAnswerIntoEachCommandsResult() {
        CommandBatch batch = CommandBatch.of(List.of(ECHO, FAILS, IMPOSTOR, NO_NEWLINE), NONCE);
        String m = "\novl-batch-" + NONCE + " ";
        String impostor = IMPOSTOR.argv().get(2);
        String out = "motd from a noisy .bashrc" + m + "start\n"
                + "hello\n" + m + "0 0\n"
                + "partial\n" + m + "1 3\n"
                + impostor + m + "2 0\n"
                + "no newline at the end" + m + "3 0\n";
        String err = "sudo: unable to resolve host x" + m + "start\n" + m + "0\n" + "it broke\n" + m + "1\n" + m + "2\n" + m
                + "3\n";
        List<CommandResult> results = batch.results(answer(batch, out, err));

        assertEquals(4, results.size());
        assertResult(results.get(0), ECHO, 0, "hello\n", "");
        assertResult(results.get(1), FAILS, 3, "partial\n", "it broke\n");
        assertResult(results.get(2), IMPOSTOR, 0, impostor, "");
        assertResult(results.get(3), NO_NEWLINE, 0, "no newline at the end", "");
        assertEquals("h1", results.get(1).host());
    }

    @Test
    void refusesAnswersThatDoNotFrame() {
        CommandBatch batch = CommandBatch.of(List.of(ECHO, FAILS), NONCE);
        String m = "\novl-batch-" + NONCE + " ";
        String err = m + "start\n" + m + "0\n" + m + "1\n";
        // Stopped after the first command (killed, timed out remotely).
        assertRefused(batch, m + "start\nhello\n" + m + "0 0\npartial\n", err, "ends before every command's frame");
        // No start frame at all (the script never ran: another shell answered).
        assertRefused(batch, "hello\n" + m + "0 0\n" + m + "1 3\n", err, "start frame");
        // Frames out of order.
        assertRefused(batch, m + "start\n" + m + "1 0\n" + m + "0 3\n", err, "expected the frame of command 0");
        // A status that is not a number.
        assertRefused(batch, m + "start\n" + m + "0 zero\n" + m + "1 3\n", err, "not a number");
        // More frames than commands.
        assertRefused(batch, m + "start\n" + m + "0 0\n" + m + "1 3\n" + m + "2 0\n", err, "more frames");
        // The other batch's frames are just output: this batch's are missing.
        String other = "\novl-batch-" + OTHER + " ";
        assertRefused(batch, m + "start\n" + other + "0 0\n" + other + "1 3\n", err, "ends before");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash"})
    void realShellsRunTheScriptAndItsAnswerSplitsBack(String shell) {
        Path sh = Path.of("/bin", shell);
        assumeTrue(Files.isExecutable(sh), shell + " not installed");
        List<RemoteCommand> commands = new ArrayList<>(List.of(ECHO, FAILS, IMPOSTOR, NO_NEWLINE,
                // Reads stdin: must see /dev/null, not the rest of the script.
                RemoteCommand.of("cat"),
                RemoteCommand.of("ovl-no-such-program-here"),
                RemoteCommand.script("echo before; exec echo replaced")));
        for (String value : RemoteCommandTest.HOSTILE) {
            commands.add(RemoteCommand.of("printf", "%s", value));
        }
        commands.add(ECHO);
        CommandBatch batch = CommandBatch.of(commands);
        List<CommandResult> results = batch.results(runLocally(sh, batch.request()));

        assertEquals(commands.size(), results.size());
        assertResult(results.get(0), ECHO, 0, "hello\n", "");
        assertResult(results.get(1), FAILS, 3, "partial\n", "it broke\n");
        assertResult(results.get(2), IMPOSTOR, 0, IMPOSTOR.argv().get(2), "");
        assertResult(results.get(3), NO_NEWLINE, 0, "no newline at the end", "");
        assertResult(results.get(4), RemoteCommand.of("cat"), 0, "", "");
        assertEquals(127, results.get(5).exitCode());
        assertTrue(results.get(5).stderrText().contains("ovl-no-such-program-here"), results.get(5).stderrText());
        assertResult(results.get(6), commands.get(6), 0, "before\nreplaced\n", "");
        for (int i = 0; i < RemoteCommandTest.HOSTILE.length; i++) {
            assertResult(results.get(7 + i), commands.get(7 + i), 0, RemoteCommandTest.HOSTILE[i], "");
        }
        assertResult(results.get(results.size() - 1), ECHO, 0, "hello\n", "");
    }

    /**
     * Runs the batch request {@code sh -s} with {@code shell} as the {@code sh}: the script's
     * interpreter is whatever a host's {@code sh} is (dash on Debian, bash on others).
     */
    private static CommandResult runLocally(Path shell, RemoteCommand command) {
        assertEquals(List.of("sh", "-s"), command.argv());
        try {
            Process p = new ProcessBuilder(shell.toString(), "-s").start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p));
            try (OutputStream in = p.getOutputStream()) {
                in.write(command.stdin().orElse(new byte[0]));
            }
            byte[] out = p.getInputStream().readAllBytes();
            int status = p.waitFor();
            return new CommandResult("local", command, status, out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandResult answer(CommandBatch batch, String out, String err) {
        return new CommandResult("h1", batch.request(), 0, out.getBytes(StandardCharsets.UTF_8),
                err.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(CommandBatch batch, String out, String err, String why) {
        OvlException e = assertThrows(OvlException.class, () -> batch.results(answer(batch, out, err)));
        assertTrue(e.getMessage().startsWith("host h1: batched commands"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static void assertResult(CommandResult r, RemoteCommand command, int status, String out, String err) {
        assertEquals(command, r.command());
        assertEquals(status, r.exitCode(), () -> r.command() + ": " + r.stderrText());
        assertArrayEquals(out.getBytes(StandardCharsets.UTF_8), r.stdout(), () -> "stdout of " + command + ": " + r.stdoutText());
        assertEquals(err, r.stderrText(), () -> "stderr of " + command);
    }
}
