package io.ovl.doctor;

import io.ovl.core.OvlException;
import io.ovl.facts.DockerInfo;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpJson;
import io.ovl.facts.KernelVersion;
import io.ovl.facts.SystemdUnit;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gathers {@link HostFacts} from one host through its {@link RemoteShell}, one command per fact
 * (see {@link FactCommands}). A command that fails or prints something unparseable makes only its
 * own fact unknown, with the reason; the checks that need it report that reason.
 */
public final class FactGatherer {
    private final Clock clock;

    /** @param clock the local clock, read around the remote {@code date} for the skew check */
    public FactGatherer(Clock clock) {
        this.clock = clock;
    }

    public HostFacts gather(RemoteShell shell) {
        // The first command also proves access: a sudo that wants a password, or a dead
        // connection, throws here, and then nothing else can run either.
        Fact<Integer> uid;
        try {
            uid = fact(shell.run(FactCommands.ID), out -> Integer.parseInt(out.strip()));
        } catch (OvlException e) {
            return HostFacts.nothingKnown(e.getMessage());
        }
        return new HostFacts(
                uid,
                run(shell, FactCommands.HOSTNAME, String::strip),
                run(shell, FactCommands.UNAME, KernelVersion::parse),
                run(shell, FactCommands.VXLAN, out -> "created and removed a VXLAN device"),
                run(shell, FactCommands.DOCKER_INFO, DockerInfo::parse),
                run(shell, FactCommands.DOCKER_NETWORKS, DockerNetwork::parseInspect),
                run(shell, FactCommands.IP_ADDR, IpJson::parseAddr),
                run(shell, FactCommands.IP_ROUTE, out -> IpJson.parseRoute(out, IpFamily.INET)),
                run(shell, FactCommands.SS, BoundSocket::parse),
                daemonJson(shell),
                run(shell, FactCommands.DOCKER_UNIT, SystemdUnit::parseCat),
                clock(shell),
                run(shell, FactCommands.DOCKER_LOG, out -> out),
                run(shell, FactCommands.SWARM_NODES, SwarmNodeRow::parseLines));
    }

    private Fact<ClockSample> clock(RemoteShell shell) {
        try {
            Instant before = clock.instant();
            CommandResult r = shell.run(FactCommands.DATE);
            Instant after = clock.instant();
            return fact(r, out -> ClockSample.parse(before, after, out));
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
            return fact(r, Optional::of);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static <T> Fact<T> run(RemoteShell shell, RemoteCommand command, Function<String, T> parse) {
        try {
            return fact(shell.run(command), parse);
        } catch (OvlException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static <T> Fact<T> fact(CommandResult r, Function<String, T> parse) {
        if (!r.succeeded()) {
            return Fact.unknown(failure(r));
        }
        try {
            return Fact.known(parse.apply(r.stdoutText()));
        } catch (RuntimeException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    /** "`docker info ...` exited with status 1: Cannot connect to the Docker daemon ..." */
    static String failure(CommandResult r) {
        String err = r.stderrText().strip();
        if (err.isEmpty()) {
            err = r.stdoutText().strip();
        }
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        String what = r.exitCode() == 127 ? "not found (exit 127)" : "exited with status " + r.exitCode();
        return "`" + r.command().toShellString() + "` " + what + (first.isEmpty() ? "" : ": " + first);
    }
}
