package io.ovl.runlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.OvlException;
import io.ovl.ssh.RunLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run log goes, its name, its mode, and what a line looks like. */
class RunLogFileTest {
    private static final Instant T = Instant.parse("2026-12-06T04:31:02.345Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theDefaultDirectoryIsXdgStateHomeThenHome() {
        assertEquals(Optional.of(Path.of("/s/ovl/logs")), RunLogFile.defaultDirectory(Map.of("XDG_STATE_HOME", "/s",
                "HOME", "/home/u")));
        assertEquals(Optional.of(Path.of("/home/u/.local/state/ovl/logs")), RunLogFile.defaultDirectory(Map.of("HOME",
                "/home/u")));
        // The XDG spec: a relative value is invalid and ignored.
        assertEquals(Optional.of(Path.of("/home/u/.local/state/ovl/logs")), RunLogFile.defaultDirectory(Map.of(
                "XDG_STATE_HOME", "rel", "HOME", "/home/u")));
        assertEquals(Optional.empty(), RunLogFile.defaultDirectory(Map.of()));
    }

    @Test
    void aLogIsNamedByItsStartCommandAndProcess() {
        assertEquals("2026-12-06T04-31-02Z-init-4242.log", RunLogFile.fileName(T, "init", 4242));
        assertEquals("2026-12-06T04-31-02Z-net-create-7.log", RunLogFile.fileName(T, "net create", 7));
        assertTrue(RunLogFile.NAME.matcher(RunLogFile.fileName(T, "net verify", 1)).matches());
    }

    @Test
    void aNewLogIsPrivateInAPrivateDirectoryAndTwoRunsInOneSecondGetTwoFiles() throws Exception {
        Path logs = dir.resolve("state/ovl/logs");
        try (RunLogFile a = RunLogFile.createIn(logs, "init", 42, CLOCK);
             RunLogFile b = RunLogFile.createIn(logs, "init", 42, CLOCK)) {
            assertEquals(logs.resolve("2026-12-06T04-31-02Z-init-42.log"), a.path());
            assertEquals(logs.resolve("2026-12-06T04-31-02Z-init-42-2.log"), b.path());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.path())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
            assertTrue(RunLogFile.NAME.matcher(b.path().getFileName().toString()).matches());
        }
    }

    @Test
    void linesAreWrittenAsTheyComeWithTheDetailBelowAndControlCharactersEscaped() throws Exception {
        try (RunLogFile log = RunLogFile.createIn(dir, "init", 1, CLOCK)) {
            log.note("command", "ovl init -f t.yaml");
            log.record(new RunLog.Entry("h1", "shell", "systemctl is-active docker", "exit=0", 12, ""));
            log.record(new RunLog.Entry("h2", "shell", "systemctl restart docker", "exit=1", 3001,
                    "Job failed \u001b[31m see journalctl"));
            log.record(new RunLog.Entry("h1", "batch", "uname -r", "exit=0", -1, ""));
            // Written before close: a killed run leaves what it did.
            assertEquals(List.of(
                    "# command: ovl init -f t.yaml",
                    "2026-12-06T04:31:02.345Z h1 shell exit=0 12ms systemctl is-active docker",
                    "2026-12-06T04:31:02.345Z h2 shell exit=1 3001ms systemctl restart docker",
                    "  ! Job failed \\x1b[31m see journalctl",
                    "2026-12-06T04:31:02.345Z h1 batch exit=0 - uname -r"), Files.readAllLines(log.path()));
            log.end(T.minusSeconds(2), 4, "host-failed");
            assertEquals("# ended: 2026-12-06T04:31:02.345Z exit 4 (host-failed) after 2000ms",
                    Files.readAllLines(log.path()).get(5));
        }
    }

    @Test
    void aChosenFileIsAppendedToAndOneThatCannotBeWrittenIsAUsageError() throws Exception {
        Path chosen = dir.resolve("ci.log");
        try (RunLogFile a = RunLogFile.appendTo(chosen, CLOCK)) {
            a.note("run", "1");
        }
        try (RunLogFile b = RunLogFile.appendTo(chosen, CLOCK)) {
            b.note("run", "2");
        }
        assertEquals(List.of("# run: 1", "# run: 2"), Files.readAllLines(chosen));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen)));
        OvlException e = assertThrows(OvlException.class, () -> RunLogFile.appendTo(dir.resolve("no/such/dir/x.log"),
                CLOCK));
        assertTrue(e.getMessage().startsWith("--log-file " + dir.resolve("no/such/dir/x.log") + ": cannot write it"),
                e.getMessage());
    }
}
