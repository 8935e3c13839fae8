package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.Finding;
import io.ovl.core.OvlException;
import io.ovl.core.Severity;
import io.ovl.hosts.ParallelHosts;
import io.ovl.kvmode.FakeHostHandle;
import io.ovl.ssh.CommandBatch;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.FramedBatchShell;
import io.ovl.ssh.RemoteCommand;
import io.ovl.topology.Host;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runner and report: severity and --ignore applied to verdicts, one connection per host used
 * for all facts and closed, unreachable hosts reported, not thrown. Connections are FAKES built
 * on captured outputs; the real SSH path runs in DoctorLabIT.
 */
class RunnerTest {

    @Test
    void ignoreTurnsAFailureIntoAnIgnoredWarning() {
        Check failing = new Check() {
            public String name() {
                return "kernel.version";
            }

            public String description() {
                return "d";
            }

            public CheckSeverity severity() {
                return CheckSeverity.ERROR;
            }

            public List<Finding> evaluate(DoctorContext c) {
                return List.of();
            }
        };
        Finding v = Finding.fail("too old", "upgrade").on("h2");
        Finding plain = DoctorRunner.result(failing, v, IgnoreList.NONE);
        assertEquals(Severity.ERROR, plain.severity());
        assertFalse(plain.ignored());
        Finding ignored = DoctorRunner.result(failing, v, IgnoreList.parse(List.of("ports.free,kernel.version")));
        assertEquals(Severity.WARNING, ignored.severity());
        assertTrue(ignored.ignored());
        assertEquals("too old", ignored.message());
        assertTrue(DoctorRunner.result(failing, v, IgnoreList.parse(List.of("all"))).ignored());
        // A pass is never "ignored".
        assertFalse(DoctorRunner.result(failing, Finding.pass("ok").on("h2"),
                IgnoreList.parse(List.of("all"))).ignored());
    }

    @Test
    void ignoringAnUnknownCheckIsAUsageErrorListingTheChecks() {
        OvlException e = assertThrows(OvlException.class, () -> IgnoreList.parse(List.of("kernel.versoin")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("kernel.version"), e.getMessage());
    }

    @Test
    void checkNamesAreUniqueAndStable() {
        assertEquals(Checks.names().size(), Checks.names().stream().distinct().count());
        assertTrue(Checks.names().containsAll(List.of("ssh.reachable", "sudo.works", "kernel.version", "kernel.vxlan",
                "docker.version", "docker.mode-compat", "dockerd.config-conflict", "advertise.address", "mtu.headroom",
                "subnet.overlap", "ports.free", "host.hostname-unique", "docker.engine-id-unique", "clock.skew",
                "ports.reachable", "kv.reachable")));
    }

    /**
     * A host handle ({@link FakeHostHandle}) over a FakeRemoteShell (answering the fact batch too,
     * framed by {@link FramedBatchShell}) that records what it was sent; the handle records whether
     * it was closed.
     */
    private static final class FakeConnection {
        final FakeRemoteShell shell;
        final FramedBatchShell answers;
        final List<RemoteCommand> sent = Collections.synchronizedList(new ArrayList<>());
        final FakeHostHandle handle;

        FakeConnection(String host, FakeRemoteShell shell) {
            this.shell = shell;
            this.answers = new FramedBatchShell(shell, CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE));
            this.handle = new FakeHostHandle(host, this::run);
        }

        private CommandResult run(RemoteCommand command) {
            sent.add(command);
            return answers.run(command);
        }
    }

    @Test
    void aHealthyLabPassesAndAnUnreachableHostFailsOnlySshReachable() {
        List<FakeConnection> opened = Collections.synchronizedList(new ArrayList<>());
        DoctorRunner runner = new DoctorRunner(host -> {
            if (host.name().equals("h1")) {
                throw new OvlException(ExitCode.HOST_FAILED, "host h1: connect to 198.18.144.11:22: connection refused");
            }
            FakeConnection c = new FakeConnection(host.name(), shellFor(host));
            opened.add(c);
            return c.handle;
        }, new ParallelHosts(4), FakeHost.gatherer(Clock.systemUTC()), Optional.empty(), DoctorProgress.NONE);
        DoctorReport report = runner.run(Labs.kv(), "topology.yaml", IgnoreList.NONE);

        assertEquals(List.of("h1", "h2", "h3"), report.hosts());
        assertEquals(2, opened.size());
        assertTrue(opened.stream().allMatch(c -> c.handle.closed()), "every connection is closed");
        // Facts were gathered over the one connection in one exec (kv mode, no store running: nothing else to ask).
        for (FakeConnection c : opened) {
            assertEquals(List.of(CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE).request()), c.sent);
        }
        assertFalse(report.passed());
        List<Finding> failed = report.results().filter(r -> r.severity() == Severity.ERROR).toList();
        assertEquals(1, failed.size(), failed.toString());
        assertEquals("ssh.reachable", failed.get(0).subject());
        assertEquals("h1", failed.get(0).host());
        assertEquals(Severity.SKIP, report.resultsOf("kernel.version").get(0).severity());

        DoctorReport ignored = runner.run(Labs.kv(), "topology.yaml", IgnoreList.parse(List.of("ssh.reachable")));
        assertTrue(ignored.passed());
        assertEquals(1, ignored.ignoredCount());
    }

    private static FakeRemoteShell shellFor(Host host) {
        FakeRemoteShell shell = new FakeRemoteShell(host.name());
        FakeHost template = FakeHost.of("h2-2010");
        // Reuse the captured answers; give h3 its own name, engine ID and address.
        for (RemoteCommand c : FactGatherer.BATCH) {
            CommandResult r = template.shell().run(c);
            String out = r.stdoutText();
            if (host.name().equals("h3")) {
                out = out.replace("doctor-h2", "doctor-h3").replace("LQDE:UNIQ", "OTHR:UNIQ")
                        .replace("198.18.144.12", "198.18.144.13");
            }
            if (c.equals(FactCommands.DATE)) {
                out = Clock.systemUTC().instant().getEpochSecond() + ".0\n";
            }
            shell.on(c, r.exitCode(), out, r.stderrText());
        }
        return shell;
    }

    @Test
    void aCheckThatThrowsFailsVisiblyWithoutHidingTheOthers() {
        DoctorContext c = Labs.context(Labs.kv(), Map.of());
        Check broken = new Check() {
            public String name() {
                return "broken";
            }

            public String description() {
                return "throws";
            }

            public CheckSeverity severity() {
                return CheckSeverity.ERROR;
            }

            public List<Finding> evaluate(DoctorContext context) {
                throw new IllegalStateException("boom");
            }
        };
        DoctorReport r = DoctorRunner.evaluate(c, "t.yaml", IgnoreList.NONE, List.of(broken, new io.ovl.doctor.checks.SshReachable()));
        assertEquals(3, r.resultsOf("broken").size());
        assertTrue(r.resultsOf("broken").get(0).message().contains("internal error in check broken"));
        assertEquals(3, r.resultsOf("ssh.reachable").size());
    }
}
