package io.ovl.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a session reports to the run log: each step once, with its outcome, and nothing secret. */
class RecorderTest {
    private final List<RunLog.Entry> entries = new CopyOnWriteArrayList<>();
    private final Secret pw = Secret.of("hunter2".toCharArray(), "OVL_SUDO_PASSWORD");
    private final Recorder recorder = new Recorder(entries::add, "h2", Escalation.sudoWith(pw));

    @Test
    void aCommandIsRecordedWithItsExitStatusAndFirstStderrLineWithoutThePassword() {
        RemoteCommand cmd = RemoteCommand.of("env", "TOKEN=hunter2", "docker", "info").withStdin("hunter2".getBytes());
        CommandResult r = recorder.run("shell", cmd, () -> new CommandResult("h2", cmd, 1, new byte[0],
                "sudo: hunter2 is not right\nsecond line".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, r.exitCode());
        assertEquals(1, entries.size());
        RunLog.Entry e = entries.get(0);
        assertEquals("h2", e.host());
        assertEquals("shell", e.kind());
        assertEquals("exit=1", e.outcome());
        assertTrue(e.millis() >= 0);
        assertEquals("env 'TOKEN=<redacted>' docker info <(7 bytes)", e.what());
        assertEquals("sudo: <redacted: password from OVL_SUDO_PASSWORD> is not right", e.detail());
        assertFalse(entries.toString().contains("hunter2"), entries.toString());
    }

    @Test
    void aSuccessHasNoDetailAndAFailureToRunIsRecordedThenThrown() {
        RemoteCommand ok = RemoteCommand.of("true");
        recorder.run("shell", ok, () -> CommandResult.ok("h2", ok, "out"));
        assertEquals("", entries.get(0).detail());
        RemoteCommand slow = RemoteCommand.of("sleep", "99");
        assertThrows(OvlException.class, () -> recorder.run("shell", slow, () -> {
            throw new OvlException(ExitCode.HOST_FAILED, "host h2: `sleep 99` timed out\nmore");
        }));
        assertEquals("failed", entries.get(1).outcome());
        assertEquals("host h2: `sleep 99` timed out", entries.get(1).detail());
    }

    @Test
    void aBatchIsOneExecThenEachOfItsCommandsWithItsOwnStatus() {
        RemoteCommand a = RemoteCommand.of("uname", "-r");
        RemoteCommand b = RemoteCommand.of("test", "-e", "/x");
        CommandBatch batch = CommandBatch.of(List.of(a, b), "0123456789abcdef0123456789abcdef");
        String m = "\n" + batch.marker() + " ";
        String out = m + "start\n" + "6.1\n" + m + "0 0\n" + m + "1 1\n";
        String err = m + "start\n" + m + "0\n" + "nope\n" + m + "1\n";
        List<CommandResult> results = recorder.batch(batch, () -> new CommandResult("h2", batch.request(), 0,
                out.getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, results.size());
        assertEquals(3, entries.size());
        assertEquals("shell", entries.get(0).kind());
        assertTrue(entries.get(0).what().startsWith("sh -s <("), entries.get(0).what());
        assertEquals(List.of("batch", "uname -r", "exit=0", -1L, ""), List.of(entries.get(1).kind(), entries.get(1).what(),
                entries.get(1).outcome(), entries.get(1).millis(), entries.get(1).detail()));
        assertEquals(List.of("test -e /x", "exit=1", "nope"), List.of(entries.get(2).what(), entries.get(2).outcome(),
                entries.get(2).detail()));
    }

    @Test
    void aStartedCommandIsRecordedOnceWhenItFinishes() {
        RemoteCommand cmd = RemoteCommand.of("probe", "listen");
        StartedCommand started = recorder.start(cmd, () -> new Scripted(cmd));
        assertTrue(entries.isEmpty(), "nothing until it ends");
        started.finish(Duration.ofSeconds(1));
        started.close();
        assertEquals(1, entries.size());
        assertEquals(List.of("start", "exit=0", "probe listen"), List.of(entries.get(0).kind(), entries.get(0).outcome(),
                entries.get(0).what()));
    }

    @Test
    void aStartedCommandClosedBeforeItEndsSaysSo() {
        RemoteCommand cmd = RemoteCommand.of("probe", "send");
        recorder.start(cmd, () -> new Scripted(cmd)).close();
        assertEquals("closed", entries.get(0).outcome());
    }

    @Test
    void withoutALogNothingIsTimedOrRecorded() {
        Recorder none = new Recorder(RunLog.NONE, "h1", Escalation.of(SshTarget.Become.NONE));
        RemoteCommand ok = RemoteCommand.of("true");
        assertEquals(0, none.run("shell", ok, () -> CommandResult.ok("h1", ok, "")).exitCode());
        assertFalse(none.redacting().on());
    }

    private static final class Scripted implements StartedCommand {
        private final RemoteCommand command;

        Scripted(RemoteCommand command) {
            this.command = command;
        }

        @Override
        public Optional<String> readLine(Duration timeout) {
            return Optional.empty();
        }

        @Override
        public boolean stdoutEnded() {
            return true;
        }

        @Override
        public boolean writeLine(String line) {
            return false;
        }

        @Override
        public void closeStdin() {
        }

        @Override
        public CommandResult finish(Duration timeout) {
            return CommandResult.ok("h2", command, "");
        }

        @Override
        public Duration commandTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public void close() {
        }
    }
}
