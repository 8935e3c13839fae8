package io.ovl.doctor;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.ssh.CommandBatch;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batched gathering gives exactly the facts of asking one command at a time, in one exec.
 * Unit tests with FAKE hosts ({@link FakeHost}: captured real answers, the batch framed by
 * {@code FramedBatchShell}); DoctorLabIT gathers from real hosts.
 */
class FactGathererTest {
    private static final Clock FIXED = Clock.fixed(FakeHost.NOW, ZoneOffset.UTC);
    private static final String NO_DAEMON = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
            + " Is the docker daemon running?\n";

    @ParameterizedTest
    @ValueSource(strings = {"h1-2010", "h2-2010", "h3-26"})
    void oneExecGivesTheFactsOfOneCommandEach(String dir) {
        FakeHost host = FakeHost.of(dir);
        Recording batched = new Recording(host.batchShell());
        HostFacts viaBatch = FakeHost.gatherer(FIXED).gather(batched);
        HostFacts oneByOne = FactGatherer.oneCommandEach(FIXED).gather(host.shell());

        assertEquals(oneByOne, viaBatch);
        assertEquals(List.of(CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE).request()), batched.sent);
        assertTrue(viaBatch.dockerInfo().isKnown() && viaBatch.interfaces().isKnown() && viaBatch.clock().isKnown());
    }

    @Test
    void aFailingFactIsReportedAloneWithItsCommandStatusAndStderr() {
        FakeHost host = FakeHost.of("h2-2010")
                .fail(FactCommands.DOCKER_INFO, 1, NO_DAEMON)
                .fail(FactCommands.DOCKER_LOG, 127, "sh: 1: journalctl: not found\n");
        Recording batched = new Recording(host.batchShell());
        HostFacts facts = FakeHost.gatherer(FIXED).gather(batched);

        // From the one batch, not from the one-by-one fallback that would give the same facts.
        assertEquals(List.of(CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE).request()), batched.sent);

        assertFalse(facts.dockerInfo().isKnown());
        assertEquals("`docker info --format '{{json .}}'` exited with status 1: " + NO_DAEMON.strip(),
                facts.dockerInfo().why());
        assertTrue(facts.dockerLog().why().contains("not found (exit 127): sh: 1: journalctl: not found"),
                facts.dockerLog().why());
        // Every other fact is still known.
        assertTrue(facts.hostname().isKnown() && facts.kernel().isKnown() && facts.sockets().isKnown()
                && facts.dockerNetworks().isKnown(), facts.toString());
        assertEquals(FactGatherer.oneCommandEach(FIXED).gather(host.shell()), facts);
    }

    @Test
    void factOutputHoldingMarkerLikeTextStaysThatFactsOutput() {
        String hostname = "doctor-h2\novl-batch-" + FakeHost.NONCE.replace('0', 'f') + " 3 0\n";
        FakeHost host = FakeHost.of("h2-2010").answer(FactCommands.HOSTNAME, hostname);
        Recording batched = new Recording(host.batchShell());
        HostFacts facts = FakeHost.gatherer(FIXED).gather(batched);

        // The batch split it right: a mis-split would fall back to one command each, sending more.
        assertEquals(List.of(CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE).request()), batched.sent);
        assertEquals(hostname.strip(), facts.hostname().value().orElseThrow());
        assertTrue(facts.kernel().isKnown());
    }

    @Test
    void aBatchThatDoesNotFrameFallsBackToOneCommandEach() {
        FakeHost host = FakeHost.of("h2-2010");
        RemoteCommand request = CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE).request();
        // A host whose `sh` ignored the script: exit 0, no frames.
        host.shell().on(request, 0, "", "");
        HostFacts facts = FakeHost.gatherer(FIXED).gather(host.shell());

        assertEquals(FactGatherer.oneCommandEach(FIXED).gather(FakeHost.of("h2-2010").shell()), facts);
        assertEquals(request, host.shell().calls().get(0));
        assertTrue(host.shell().calls().contains(FactCommands.ID));
    }

    @Test
    void aHostWhereNothingRunsHasEveryFactUnknownForThatReason() {
        String why = "host h2: sudo needs a password for user ovl; allow passwordless sudo (NOPASSWD) for it or"
                + " connect as root";
        RemoteShell refusing = command -> {
            throw new OvlException(ExitCode.HOST_FAILED, why);
        };
        assertEquals(HostFacts.nothingKnown(why), FakeHost.gatherer(FIXED).gather(refusing));
    }

    @Test
    void theHostsTimeBetweenItsTwoClockReadingsNarrowsTheSkewMeasurement() {
        Instant t = FakeHost.NOW;
        // The local clock: before the batch, after it 3 s later. The host took 2 s between its readings.
        Clock local = new Steps(t, t.plusSeconds(3));
        FakeHost host = batchAnswering(t);

        ClockSample sample = FakeHost.gatherer(local).gather(host.shell()).clock().value().orElseThrow();
        // The first reading happened within the first second of the round trip, not anywhere in 3 s.
        assertEquals(Duration.ofMillis(500), sample.uncertainty());
        assertEquals(Duration.ZERO, sample.offset());
    }

    /**
     * A FAKE shell whose privilege escalation takes 12 s of local time, as sudo on a host without
     * its own name in /etc/hosts: paid in ready() when the gatherer asks for it, else inside the
     * first command's round trip. The clock reading must not include it.
     */
    @Test
    void aSlowEscalationIsPaidBeforeTheClockReadingNotInsideItsRoundTrip() {
        Instant t = FakeHost.NOW.minusSeconds(12);
        FakeHost host = batchAnswering(FakeHost.NOW);
        Instant[] now = {t};
        boolean[] escalated = {false};
        Clock local = new Clock() {
            @Override
            public Instant instant() {
                return now[0];
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        RemoteShell slowSudo = new RemoteShell() {
            @Override
            public CommandResult run(RemoteCommand command) {
                if (!escalated[0]) {
                    ready();
                }
                CommandResult r = host.shell().run(command);
                now[0] = now[0].plusSeconds(3); // the batch's own round trip, as above
                return r;
            }

            @Override
            public void ready() {
                if (!escalated[0]) {
                    now[0] = now[0].plusSeconds(12);
                    escalated[0] = true;
                }
            }
        };

        ClockSample sample = FakeHost.gatherer(local).gather(slowSudo).clock().value().orElseThrow();

        assertEquals(Duration.ofMillis(500), sample.uncertainty());
    }

    /** A fake host whose fact batch answers with clock readings at t + 0.5 s and t + 2.5 s. */
    private static FakeHost batchAnswering(Instant t) {
        FakeHost host = FakeHost.of("h2-2010");
        RemoteCommand request = CommandBatch.of(FactGatherer.BATCH, FakeHost.NONCE).request();
        String m = "\novl-batch-" + FakeHost.NONCE + " ";
        StringBuilder out = new StringBuilder(m + "start\n");
        StringBuilder err = new StringBuilder(m + "start\n");
        for (int i = 0; i < FactGatherer.BATCH.size(); i++) {
            RemoteCommand c = FactGatherer.BATCH.get(i);
            CommandResult r = host.shell().run(c);
            String stdout = i == 0 ? t.getEpochSecond() + ".5\n" : i == FactGatherer.BATCH.size() - 1
                    ? (t.getEpochSecond() + 2) + ".5\n" : r.stdoutText();
            out.append(stdout).append(m).append(i).append(' ').append(r.exitCode()).append('\n');
            err.append(r.stderrText()).append(m).append(i).append('\n');
        }
        host.shell().on(request, 0, out.toString(), err.toString());
        return host;
    }

    @Test
    void remoteSpanIsZeroWhenAReadingIsMissing() {
        CommandResult ok = CommandResult.ok("h", FactCommands.DATE, "100.0\n");
        CommandResult failed = new CommandResult("h", FactCommands.DATE, 1, new byte[0], new byte[0]);
        CommandResult garbage = CommandResult.ok("h", FactCommands.DATE, "soon\n");
        assertEquals(Duration.ZERO, FactGatherer.remoteSpan(ok, failed));
        assertEquals(Duration.ZERO, FactGatherer.remoteSpan(ok, garbage));
        assertEquals(Duration.ofMillis(1500), FactGatherer.remoteSpan(ok, CommandResult.ok("h", FactCommands.DATE, "101.5\n")));
        assertEquals(Duration.ZERO, FactGatherer.remoteSpan(CommandResult.ok("h", FactCommands.DATE, "101.5\n"), ok));
    }

    /** Records what was sent, then answers through another shell. */
    private static final class Recording implements RemoteShell {
        final List<RemoteCommand> sent = new ArrayList<>();
        private final RemoteShell answers;

        Recording(RemoteShell answers) {
            this.answers = answers;
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            sent.add(command);
            return answers.run(command);
        }
    }

    /** A local clock that reads the given instants in turn. */
    private static final class Steps extends Clock {
        private final Deque<Instant> readings;

        Steps(Instant... readings) {
            this.readings = new ArrayDeque<>(List.of(readings));
        }

        @Override
        public Instant instant() {
            return readings.size() > 1 ? readings.poll() : readings.peek();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
