package io.ovl.doctor;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.DockerdCommandLine;
import io.ovl.facts.Fact;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.KernelVersion;
import io.ovl.facts.SystemdUnit;
import io.ovl.ssh.CommandBatch;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gathers {@link HostFacts} from one host through its {@link RemoteShell}, one command per fact
 * (see {@link FactCommands}). A command that fails or prints something unparseable makes only its
 * own fact unknown, with the reason; the checks that need it report that reason.
 *
 * <p>By default every fact command runs in one remote exec ({@link CommandBatch}): one round
 * trip, one login shell and one sudo per host instead of fourteen, which is most of doctor's time
 * per host. The batch gives each command its own exit status and output, so facts come out exactly
 * as when the commands run one by one. When the batch cannot run or its answer does not frame (a
 * timeout, an odd remote shell), the commands run one by one, as before.
 */
public final class FactGatherer {
    /**
     * What the batch runs: the clock first, then every other fact, then the clock again; the time
     * between the two readings is subtracted from the round trip so the skew measurement stays as
     * tight as when {@code date} runs alone. Both init-script commands run on every host (they exit
     * at once where systemd runs dockerd): asking first whether they are needed would cost a round
     * trip, and the facts use them only where docker.service is unknown, as one by one.
     */
    static final List<RemoteCommand> BATCH = List.of(FactCommands.DATE, FactCommands.ID, FactCommands.HOSTNAME,
            FactCommands.UNAME, FactCommands.VXLAN, FactCommands.DOCKER_INFO, FactCommands.DOCKER_NETWORKS,
            FactCommands.IP_ADDR, FactCommands.IP_ROUTE, FactCommands.SS, FactCommands.DAEMON_JSON,
            FactCommands.DOCKER_UNIT, FactCommands.DOCKER_LOG, FactCommands.INIT_SCRIPT_DOCKERD_ARGS,
            FactCommands.INIT_SCRIPT_DOCKER_LOG, FactCommands.SWARM_NODES, FactCommands.DATE);

    private final Clock clock;
    private final Function<List<RemoteCommand>, CommandBatch> batches;
    private final boolean batched;

    /** @param clock the local clock, read around the remote {@code date} for the skew check */
    public FactGatherer(Clock clock) {
        this(clock, CommandBatch::of, true);
    }

    private FactGatherer(Clock clock, Function<List<RemoteCommand>, CommandBatch> batches, boolean batched) {
        this.clock = clock;
        this.batches = batches;
        this.batched = batched;
    }

    /** Test seam: batches framed with a known marker, so a fake can answer the exact request. */
    static FactGatherer batchedWith(Clock clock, Function<List<RemoteCommand>, CommandBatch> batches) {
        return new FactGatherer(clock, batches, true);
    }

    /** One exec per fact (the fallback), for fakes that answer each fact command. */
    static FactGatherer oneCommandEach(Clock clock) {
        return new FactGatherer(clock, CommandBatch::of, false);
    }

    public HostFacts gather(RemoteShell shell) {
        if (batched) {
            try {
                return gatherBatched(shell);
            } catch (OvlException e) {
                if (e.exitCode() == ExitCode.INTERRUPTED) {
                    return HostFacts.nothingKnown(e.getMessage());
                }
                // Not run, or not framed: ask one command at a time, which also names what failed.
            }
        }
        return gatherOneByOne(shell);
    }

    /** @throws OvlException when the batch did not run or did not frame */
    private HostFacts gatherBatched(RemoteShell shell) {
        CommandBatch batch = batches.apply(BATCH);
        shell.ready(); // a slow sudo is paid here, outside the clock reading's round trip
        Instant before = clock.instant();
        List<CommandResult> results = shell.run(batch);
        Instant after = clock.instant();
        CommandResult start = results.get(0);
        CommandResult end = results.get(results.size() - 1);
        Map<RemoteCommand, CommandResult> byCommand = new HashMap<>();
        for (CommandResult r : results.subList(1, results.size() - 1)) {
            byCommand.put(r.command(), r);
        }
        // Answers from the batch; a command that is not in it (a fact added without adding its
        // command to BATCH) still runs, on its own exec.
        RemoteShell answered = command -> byCommand.containsKey(command) ? byCommand.get(command) : shell.run(command);
        Instant latest = after.minus(remoteSpan(start, end));
        Fact<ClockSample> clockFact = Fact.of(start,
                out -> ClockSample.parse(before, latest.isBefore(before) ? before : latest, out));
        return facts(answered, Fact.of(answered.run(FactCommands.ID), FactGatherer::uid), clockFact);
    }

    /**
     * How long the host took from its first {@code date} to its last: that part of the round trip
     * cannot hold the moment of the first reading. Zero when either reading failed (the
     * uncertainty is then the whole round trip, never too small).
     */
    static Duration remoteSpan(CommandResult start, CommandResult end) {
        try {
            if (start.succeeded() && end.succeeded()) {
                BigDecimal nanos = new BigDecimal(end.stdoutText().strip()).subtract(new BigDecimal(start.stdoutText().strip()))
                        .movePointRight(9);
                return nanos.signum() > 0 ? Duration.ofNanos(nanos.longValue()) : Duration.ZERO;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // The clock fact reports the unparseable output; here it only means no correction.
        }
        return Duration.ZERO;
    }

    private HostFacts gatherOneByOne(RemoteShell shell) {
        // The first command also proves access: a sudo that wants a password, or a dead
        // connection, throws here, and then nothing else can run either.
        Fact<Integer> uid;
        try {
            uid = Fact.of(shell.run(FactCommands.ID), FactGatherer::uid);
        } catch (OvlException e) {
            return HostFacts.nothingKnown(e.getMessage());
        }
        return facts(shell, uid, clock(shell));
    }

    private static Integer uid(String out) {
        return Integer.parseInt(out.strip());
    }

    private static HostFacts facts(RemoteShell shell, Fact<Integer> uid, Fact<ClockSample> clock) {
        Fact<SystemdUnit> unit = Fact.of(shell, FactCommands.DOCKER_UNIT, SystemdUnit::parseCat);
        // Without systemd, dockerd's command line and log come from the init script's dockerd.
        Fact<List<String>> initScriptArgs = unit.isKnown() ? Fact.unknown("not read: docker.service runs dockerd")
                : Fact.of(shell, FactCommands.INIT_SCRIPT_DOCKERD_ARGS, DockerdCommandLine::parseArgs);
        return new HostFacts(
                uid,
                Fact.of(shell, FactCommands.HOSTNAME, String::strip),
                Fact.of(shell, FactCommands.UNAME, KernelVersion::parse),
                Fact.of(shell, FactCommands.VXLAN, out -> "created and removed a VXLAN device"),
                Fact.of(shell, FactCommands.DOCKER_INFO, DockerInfo::parse),
                Fact.of(shell, FactCommands.DOCKER_NETWORKS, DockerNetwork::parseInspect),
                Fact.of(shell, FactCommands.IP_ADDR, IpJson::parseAddr),
                Fact.of(shell, FactCommands.IP_ROUTE, out -> IpJson.parseRoute(out, IpFamily.INET)),
                Fact.of(shell, FactCommands.SS, BoundSocket::parse),
                daemonJson(shell),
                unit,
                clock,
                Fact.of(shell, initScriptArgs.isKnown() ? FactCommands.INIT_SCRIPT_DOCKER_LOG : FactCommands.DOCKER_LOG,
                        out -> out),
                Fact.of(shell, FactCommands.SWARM_NODES, SwarmNodeRow::parseLines),
                initScriptArgs);
    }

    private Fact<ClockSample> clock(RemoteShell shell) {
        try {
            shell.ready();
            Instant before = clock.instant();
            CommandResult r = shell.run(FactCommands.DATE);
            Instant after = clock.instant();
            return Fact.of(r, out -> ClockSample.parse(before, after, out));
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static Fact<Optional<String>> daemonJson(RemoteShell shell) {
        try {
            CommandResult r = shell.run(FactCommands.DAEMON_JSON);
            if (r.exitCode() == FactCommands.NO_DAEMON_JSON) {
                return Fact.known(Optional.empty());
            }
            return Fact.of(r, Optional::of);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }
}
